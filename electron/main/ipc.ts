import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { dispatchHostCall } from '../../shared/contract/dispatch';
import { HOST_OPS, type HostHandlers, type HostResult } from '../../shared/contract/hostContract';
import { HOST_IPC_PREFIX } from '../../shared/contract/hostOps';

export const FORBIDDEN_SENDER: HostResult<never> = {
  ok: false,
  error: { code: 'forbidden', message: 'Host calls are accepted only from the app’s own page.' },
};

/**
 * Whether an IPC call comes from the app's own page: the top frame of a page loaded
 * from the app's origin. A frame that navigated away, an iframe, devtools or any
 * other content is refused.
 */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>, isAppUrl: (url: string) => boolean): boolean {
  const frame = event.senderFrame;
  if (!frame) return false;
  if (frame.parent !== null) return false;
  return isAppUrl(frame.url);
}

/**
 * One `ipcMain.handle` per operation of the contract (no generic channel). Each
 * checks the sender, then validates and runs the call through `dispatchHostCall`,
 * the same path the browser preview uses.
 */
export function registerHostIpc(ipcMain: Pick<IpcMain, 'handle'>, handlers: HostHandlers, isAppUrl: (url: string) => boolean): void {
  for (const op of HOST_OPS) {
    ipcMain.handle(HOST_IPC_PREFIX + op, async (event, payload: unknown) => {
      if (!isTrustedSender(event, isAppUrl)) return FORBIDDEN_SENDER;
      return dispatchHostCall(handlers, op, payload);
    });
  }
}
