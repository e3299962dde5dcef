import { describeIssues } from '../model/migrations';
import { HostError, hostContract, isHostOp, type HostHandlers, type HostResult } from './hostContract';

/**
 * The one place a host call is validated and run, shared by the Electron IPC handlers,
 * the browser-preview server and tests. Unknown operations and invalid payloads are
 * rejected before any service sees them; results are checked against the contract so a
 * service bug cannot send the UI something it does not expect.
 */
export async function dispatchHostCall(handlers: HostHandlers, op: unknown, payload: unknown): Promise<HostResult<unknown>> {
  if (!isHostOp(op)) return { ok: false, error: { code: 'unknown_operation', message: `unknown operation ${String(op).slice(0, 80)}` } };
  const spec = hostContract[op];
  const parsed = spec.input.safeParse(payload ?? {});
  if (!parsed.success) return { ok: false, error: { code: 'invalid_payload', message: `${op}: ${describeIssues(parsed.error)}` } };
  try {
    const handler = handlers[op] as (input: unknown) => Promise<unknown>;
    const value = await handler(parsed.data);
    const checked = spec.output.safeParse(value);
    if (!checked.success) return { ok: false, error: { code: 'internal', message: `${op} returned an invalid result: ${describeIssues(checked.error)}` } };
    return { ok: true, value: checked.data };
  } catch (err) {
    if (err instanceof HostError) return { ok: false, error: { code: err.code, message: err.message } };
    const message = err instanceof Error ? err.message : String(err);
    return { ok: false, error: { code: 'internal', message } };
  }
}
