import type { HostInput, HostOp, HostOutput, HostResult } from '../../../shared/contract/hostContract';

/**
 * The renderer's only door to the host. In Electron the preload exposes
 * `window.pimapHost` (one function per operation, over IPC); in the browser preview
 * the same operations are served over HTTP on 127.0.0.1 with a bearer token. The UI
 * never knows which.
 */
type Bridge = { [K in HostOp]: (payload: unknown) => Promise<HostResult<unknown>> };

declare global {
  interface Window {
    pimapHost?: Bridge;
    /** Desktop app only (electron/preload): the computer is locking or going to sleep. */
    pimapEvents?: { onLockRequested(listener: () => void): () => void };
  }
}

/**
 * Be told when the computer locks its screen or sleeps (desktop app; the preview has no
 * such signal and never calls back). Returns the unsubscribe function.
 */
export function onOsLock(listener: () => void): () => void {
  return window.pimapEvents?.onLockRequested(listener) ?? (() => undefined);
}

/** A failed host call, with the contract's error code for translated messages. */
export class HostCallError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HostCallError';
  }
}

const TOKEN_KEY = 'pimap.token';

/** The preview's token: from `?token=` on first load, then kept for this tab only. */
function previewToken(): string | null {
  const fromUrl = new URLSearchParams(window.location.search).get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

async function viaHttp(op: HostOp, payload: unknown, keepalive = false): Promise<HostResult<unknown>> {
  let res: Response;
  try {
    res = await fetch(`/api/${op}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${previewToken() ?? ''}` },
      body: JSON.stringify(payload ?? {}),
      // keepalive lets a final save finish while the page unloads
      keepalive,
    });
  } catch (err) {
    return { ok: false, error: { code: 'io', message: err instanceof Error ? err.message : String(err) } };
  }
  if (res.status === 401) return { ok: false, error: { code: 'forbidden', message: 'The preview token is missing or wrong. Open the address printed by "npm run web".' } };
  try {
    return (await res.json()) as HostResult<unknown>;
  } catch {
    return { ok: false, error: { code: 'io', message: `The host answered ${res.status} without a result.` } };
  }
}

/** Call a host operation; resolves with its result or rejects with a HostCallError. */
export async function callHost<K extends HostOp>(op: K, payload: HostInput<K>, opts: { keepalive?: boolean } = {}): Promise<HostOutput<K>> {
  const bridge = window.pimapHost;
  const result = bridge ? await bridge[op](payload) : await viaHttp(op, payload, opts.keepalive);
  if (!result.ok) throw new HostCallError(result.error.code, result.error.message);
  return result.value as HostOutput<K>;
}
