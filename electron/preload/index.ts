import { contextBridge, ipcRenderer } from 'electron';
import type { HostResult } from '../../shared/contract/hostContract';
import { HOST_IPC_PREFIX, HOST_OP_NAMES, type HostOpName } from '../../shared/contract/hostOps';

/**
 * The sandboxed preload: exposes exactly one object, `window.pimapHost`, with one
 * function per host operation, each invoking that operation's own IPC channel.
 * There is no generic send/invoke, and nothing from Electron or Node leaks through.
 *
 * NOTE: only the zod-free operation list is imported (the contract import above is
 * type-only and erased), so the bundle stays a few hundred bytes and needs nothing a
 * sandboxed preload cannot `require`. Payloads are validated in the main process.
 */
type PimapHost = Record<HostOpName, (payload?: unknown) => Promise<HostResult<unknown>>>;

const api = Object.fromEntries(
  HOST_OP_NAMES.map((op) => [op, (payload?: unknown): Promise<HostResult<unknown>> => ipcRenderer.invoke(HOST_IPC_PREFIX + op, payload ?? {})]),
) as PimapHost;

contextBridge.exposeInMainWorld('pimapHost', Object.freeze(api));

/**
 * One event from the main process (issue 16): the computer is locking its screen or going
 * to sleep, so open encrypted studies must save and lock. A callback only; no payload, no
 * way to send anything back but the host operations above. The channel name is repeated
 * here (electron/main/osLock.ts) because the preload may import nothing else.
 */
contextBridge.exposeInMainWorld(
  'pimapEvents',
  Object.freeze({
    onLockRequested(listener: () => void): () => void {
      const handler = () => listener();
      ipcRenderer.on('pimap-event:lock', handler);
      return () => void ipcRenderer.removeListener('pimap-event:lock', handler);
    },
  }),
);
