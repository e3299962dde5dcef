/**
 * A chosen file's text, strictly UTF-8, or null when it is not UTF-8 text: a CSV saved
 * in another encoding, or a photo picked by mistake, would otherwise be read with
 * broken letters. A byte-order mark is dropped.
 */
export async function readUtf8File(file: File): Promise<string | null> {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(await file.arrayBuffer());
  } catch {
    return null;
  }
}
