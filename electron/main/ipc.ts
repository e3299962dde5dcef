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

/** What the main process needs to know about host calls once they are registered. */
export type HostIpc = {
  /** Host calls received and not yet answered. */
  readonly inFlight: number;
  /** Resolves once every call received so far has been answered (writes are durable by then). */
  idle(): Promise<void>;
};

/**
 * One `ipcMain.handle` per operation of the contract (no generic channel). Each
 * checks the sender, then validates and runs the call through `dispatchHostCall`,
 * the same path the browser preview uses. Calls in flight are tracked so the app can
 * wait for the renderer's last saves before it quits.
 */
export function registerHostIpc(ipcMain: Pick<IpcMain, 'handle'>, handlers: HostHandlers, isAppUrl: (url: string) => boolean): HostIpc {
  const pending = new Set<Promise<unknown>>();
  for (const op of HOST_OPS) {
    ipcMain.handle(HOST_IPC_PREFIX + op, (event, payload: unknown) => {
      if (!isTrustedSender(event, isAppUrl)) return Promise.resolve(FORBIDDEN_SENDER);
      const call = dispatchHostCall(handlers, op, payload);
      pending.add(call);
      void call.finally(() => pending.delete(call));
      return call;
    });
  }
  return {
    get inFlight() {
      return pending.size;
    },
    async idle() {
      while (pending.size) await Promise.allSettled([...pending]);
    },
  };
}
