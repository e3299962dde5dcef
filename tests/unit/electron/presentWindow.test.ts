import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));
const { isPresentUrl, presentWindowOpenHandler } = await import('../../../electron/main/presentWindow');

describe('presentWindowOpenHandler', () => {
  const handler = presentWindowOpenHandler('/app/out/preload/index.cjs');
  it('opens the audience view in a secure, menu-less, fullscreenable window', () => {
    const r = handler({ url: 'app://pimap/index.html#/present/st-1/fgd-1' });
    expect(r.action).toBe('allow');
    const opts = r.action === 'allow' ? r.overrideBrowserWindowOptions : undefined;
    expect(opts).toMatchObject({ autoHideMenuBar: true, fullscreenable: true, webPreferences: { preload: '/app/out/preload/index.cjs', contextIsolation: true, sandbox: true, nodeIntegration: false } });
  });
  it('denies everything else', () => {
    for (const url of ['https://example.org/#/present/a/b', 'app://pimap/index.html#/study/a', 'app://evil/index.html#/present/a/b', 'file:///x#/present/a', 'app://pimap/index.html#/presently', 'nonsense'])
      expect(handler({ url }), url).toEqual({ action: 'deny' });
    expect(isPresentUrl('app://pimap/index.html#/present')).toBe(true);
  });
});
