import { basename, extname, join } from 'node:path';
import type { BrowserWindow, SaveDialogOptions, SaveDialogReturnValue } from 'electron';
import { HostError, type HostHandlers } from '../../shared/contract/hostContract';
import { writeFileAtomic } from '../services/storage/atomicWrite';
import { errorCode, nodeStorageFs } from '../services/storage/storageFs';

/**
 * The desktop app's `saveExport` operation: the main process owns the file system, so an
 * exported file (built by the export services and shown to the user by the renderer) is
 * written only where the user points in the OS save dialog, never to a path the page names.
 */
export interface SaveExportDeps {
  /** `dialog.showSaveDialog`, modal to `parent` when there is one. */
  showSaveDialog(parent: BrowserWindow | null, options: SaveDialogOptions): Promise<SaveDialogReturnValue>;
  /** The window the dialog belongs to (the app's main window). */
  parentWindow(): BrowserWindow | null;
  /** The folder the first dialog opens in (the user's Documents). */
  defaultFolder(): string;
  /** Crash-safe write; the atomic write service by default. */
  write?(path: string, data: Uint8Array): Promise<void>;
  /** Whether something is at `path`; the real file system by default. */
  exists?(path: string): Promise<boolean>;
}

/** Dialog filters by the file's extension, so the dialog offers the right type. */
const FILTERS: Record<string, { name: string; extensions: string[] }> = {
  '.svg': { name: 'SVG image', extensions: ['svg'] },
  '.png': { name: 'PNG image', extensions: ['png'] },
  '.pdf': { name: 'PDF document', extensions: ['pdf'] },
  '.csv': { name: 'CSV (Excel, R)', extensions: ['csv'] },
  '.json': { name: 'Study file', extensions: ['json'] },
};

/** The full extension to keep: ".pimap.json" for study files, otherwise the last one. */
function extensionOf(fileName: string): string {
  if (fileName.toLowerCase().endsWith('.pimap.json')) return '.pimap.json';
  return extname(fileName).toLowerCase();
}

/** A suggested name from the renderer is only a name: no folders, nothing hidden. */
function safeSuggestion(fileName: string): string {
  const name = basename(fileName.replace(/\\/g, '/')).replace(/^\.+/, '');
  return name || 'export';
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function decode(base64: string): Buffer {
  if (base64.length % 4 !== 0 || !BASE64.test(base64)) throw new HostError('invalid_payload', 'saveExport: the file content is not base64');
  return Buffer.from(base64, 'base64');
}

function writeError(err: unknown, path: string): HostError {
  const code = errorCode(err);
  const name = basename(path);
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return new HostError('disk_full', `${name} was not saved: the disk is full. Free some space or choose another place, then export again.`);
    case 'EROFS':
    case 'EACCES':
    case 'EPERM':
      return new HostError('read_only', `${name} was not saved: this folder cannot be written to (${path}). Choose another place.`);
    default:
      return new HostError('io', `${name} was not saved (${code ?? (err instanceof Error ? err.message : String(err))}). Choose another place, then export again.`);
  }
}

/**
 * Linux dialogs do not add an extension the user left out, and a file without one does
 * not open by double-click; so it is added here. The dialog confirmed overwriting only
 * the name the user typed, so a file already at the completed name is never replaced:
 * the next free "name (2).ext" is used instead.
 */
async function withExtension(filePath: string, ext: string, exists: (path: string) => Promise<boolean>): Promise<string> {
  if (!ext || extname(filePath) !== '') return filePath;
  let candidate = `${filePath}${ext}`;
  for (let k = 2; await exists(candidate); k++) candidate = `${filePath} (${k})${ext}`;
  return candidate;
}

export function createSaveExport(deps: SaveExportDeps): HostHandlers['saveExport'] {
  const write = deps.write ?? ((path: string, data: Uint8Array) => writeFileAtomic(nodeStorageFs, path, data));
  const exists = deps.exists ?? (async (path: string) => (await nodeStorageFs.stat(path)) !== null);
  // The next dialog opens where the user saved last, for this run of the app.
  let lastFolder: string | null = null;
  return async ({ fileName, base64 }) => {
    const data = decode(base64);
    const suggestion = safeSuggestion(fileName);
    const ext = extensionOf(suggestion);
    const filter = FILTERS[extname(suggestion).toLowerCase()];
    const result = await deps.showSaveDialog(deps.parentWindow(), {
      title: 'Save the exported file',
      defaultPath: join(lastFolder ?? deps.defaultFolder(), suggestion),
      filters: filter ? [filter, { name: 'All files', extensions: ['*'] }] : [{ name: 'All files', extensions: ['*'] }],
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    });
    if (result.canceled || !result.filePath) return { saved: false, path: null };
    const chosen = await withExtension(result.filePath, ext, exists);
    try {
      await write(chosen, data);
    } catch (err) {
      throw writeError(err, chosen);
    }
    lastFolder = join(chosen, '..');
    return { saved: true, path: chosen };
  };
}
