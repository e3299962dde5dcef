/**
 * What the save indicator shows. `saved` is only ever set after the host has reported
 * the write durable (renamed into place and its folder fsynced).
 */
export type SaveStatus =
  | { state: 'idle' }
  | { state: 'saving' }
  | { state: 'saved'; savedAt: string }
  | { state: 'error'; code: string; reason: string }
  /**
   * The host refused the save because the document changed elsewhere since this window
   * read it (another window, process or import). Nothing was written; the edits stay in
   * memory until the user chooses "take theirs" or "keep mine as a copy".
   */
  | { state: 'conflict'; reason: string };
