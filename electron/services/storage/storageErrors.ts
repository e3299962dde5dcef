import { HostError } from '../../../shared/contract/hostContract';
import { errorCode } from './storageFs';

/**
 * Turn a file-system error into the HostError the UI shows as "Not saved: <reason>".
 * `what` names the thing being written ("session FGD 3"), so the reason reads on its own.
 * Disk full and read-only are told apart because the user fixes them differently.
 */
export function toHostError(err: unknown, what: string, doing: 'write' | 'read' = 'write'): HostError {
  if (err instanceof HostError) return err;
  const code = errorCode(err);
  const detail = err instanceof Error ? err.message : String(err);
  if (doing === 'read') {
    if (code === 'ENOENT') return new HostError('not_found', `${what} was not found`);
    const why = code === 'EACCES' || code === 'EPERM' ? 'no permission to read it' : `${code ?? 'error'}: ${detail}`;
    return new HostError('io', `Could not read ${what} (${why}).`);
  }
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return new HostError(
        'disk_full',
        `Not saved: the disk is full, so ${what} could not be written. Free some space; your changes are kept and will be saved on retry.`,
      );
    case 'EROFS':
      return new HostError(
        'read_only',
        `Not saved: the data folder is on a read-only disk, so ${what} could not be written. Your changes are kept; choose a writable folder or remove the write protection, then retry.`,
      );
    case 'EACCES':
    case 'EPERM':
      return new HostError(
        'read_only',
        `Not saved: no permission to write ${what} in the data folder. Your changes are kept; fix the folder's permissions, then retry.`,
      );
    default:
      return new HostError('io', `Not saved: ${what} could not be written (${code ?? 'error'}: ${detail}). Your changes are kept; retry.`);
  }
}

/** True when the error means "nothing there". */
export function isMissing(err: unknown): boolean {
  const code = errorCode(err);
  return code === 'ENOENT' || code === 'ENOTDIR';
}
