import { decodeUtf8Strict, type EncodingProblem } from '../../../shared/text/strictUtf8';

/**
 * A chosen file's text, strictly UTF-8 (shared/text/strictUtf8, the same check as the
 * CLI's `pimap import`), or why it is not: a CSV saved in another encoding, or a photo
 * picked by mistake, would otherwise be read with broken letters. A byte-order mark is
 * dropped.
 */
export async function readTextFile(file: File): Promise<{ ok: true; text: string } | { ok: false; problem: EncodingProblem }> {
  return decodeUtf8Strict(new Uint8Array(await file.arrayBuffer()));
}

/** The text, or null when the file is not UTF-8 text (for callers that word the refusal themselves). */
export async function readUtf8File(file: File): Promise<string | null> {
  const read = await readTextFile(file);
  return read.ok ? read.text : null;
}

/** The refusal as an i18n key and values: names the encoding, and the line and byte where UTF-8 broke. */
export function encodingMessage(fileName: string, problem: EncodingProblem): { key: string; values: Record<string, string> } {
  switch (problem.kind) {
    case 'utf16':
      return { key: problem.endian === 'le' ? 'common:encoding.utf16le' : 'common:encoding.utf16be', values: { file: fileName } };
    case 'binary':
      return { key: 'common:encoding.binary', values: { file: fileName, line: String(problem.line) } };
    case 'not-utf8': {
      const values = { file: fileName, line: String(problem.line), column: String(problem.column), hex: `0x${problem.byte.toString(16).toUpperCase().padStart(2, '0')}` };
      return problem.guess ? { key: 'common:encoding.notUtf8Letter', values: { ...values, letter: problem.guess } } : { key: 'common:encoding.notUtf8', values };
    }
  }
}
