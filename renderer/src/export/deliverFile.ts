import type { ExportedFileResult } from '../../../shared/export/exportContract';
import { callHost } from '../host/hostClient';

/** Where an exported file went: downloaded by the browser, saved by the desktop app, or not saved (dialog closed). */
export type Delivery = { how: 'download'; fileName: string } | { how: 'saved'; fileName: string; path: string } | { how: 'notSaved'; fileName: string };

/** How long a download's object URL lives: long enough for the browser to start reading it. */
const REVOKE_AFTER_MS = 30_000;

function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The browser preview: the file becomes a Blob and an `<a download>` hands it to the browser. */
function download(file: ExportedFileResult): void {
  const url = URL.createObjectURL(new Blob([bytesOf(file.base64)], { type: file.mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  a.hidden = true;
  document.body.append(a);
  try {
    a.click();
  } finally {
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
  }
}

/**
 * Hand an exported file to the user. In the desktop app (the preload's `window.pimapHost`
 * is there) the main process owns the file system and asks where to save it; in the
 * browser preview the browser downloads it.
 */
export async function deliverFile(file: ExportedFileResult): Promise<Delivery> {
  if (window.pimapHost) {
    const result = await callHost('saveExport', file);
    return result.saved && result.path ? { how: 'saved', fileName: file.fileName, path: result.path } : { how: 'notSaved', fileName: file.fileName };
  }
  download(file);
  return { how: 'download', fileName: file.fileName };
}
