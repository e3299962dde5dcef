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

/**
 * Why an entry of a study could not be read, as the end of a sentence ("… : it is a
 * folder, not a file"). Shown per entry in the load problems and by `pimap validate`,
 * so one odd entry is named instead of failing the whole study.
 */
export function describeReadProblem(err: unknown): string {
  const code = errorCode(err);
  switch (code) {
    case 'ESYMLINK':
    case 'ELOOP':
      return 'it is a symbolic link; the app does not follow links in the data folder (put the real file or folder here instead)';
    case 'EISDIR':
      return 'it is a folder, not a file';
    case 'ENOTREG':
      return 'it is not a regular file (a named pipe, device or socket), so it was not opened';
    case 'EFBIG': {
      const size = (err as { size?: unknown }).size;
      const mb = typeof size === 'number' ? ` (${Math.round(size / 1048576).toLocaleString('en')} MB)` : '';
      return `it is too large${mb} to be a map file; the limit is 64 MB`;
    }
    case 'EACCES':
    case 'EPERM':
      return 'you have no permission to read it (check the file’s permissions)';
    case 'EIO':
      return 'the disk reported an error while reading it';
    case 'EBADMSG': {
      // An encrypted study's file that failed its authenticity check (encryptedFs.ts).
      const detail = (err as { detail?: unknown }).detail;
      return `it failed the encryption's authenticity check: ${typeof detail === 'string' ? detail : 'it was altered'}`;
    }
    default:
      return `it could not be read (${code ?? (err instanceof Error ? err.message : String(err))})`;
  }
}
