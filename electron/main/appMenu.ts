import type { MenuItemConstructorOptions } from 'electron';

/**
 * The application menu: only built-in roles. Electron's default menu has a Help menu
 * whose items open web pages; this one has no item that leaves the app.
 */
export function appMenuTemplate(platform: NodeJS.Platform): MenuItemConstructorOptions[] {
  const template: MenuItemConstructorOptions[] = [];
  if (platform === 'darwin') template.push({ role: 'appMenu' });
  template.push({ role: 'fileMenu' }, { role: 'editMenu' }, { role: 'viewMenu' }, { role: 'windowMenu' });
  return template;
}
