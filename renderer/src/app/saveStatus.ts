/**
 * What the save indicator shows. `saved` is only ever set after the host has reported
 * the write durable (renamed into place and its folder fsynced).
 */
export type SaveStatus =
  | { state: 'idle' }
  | { state: 'saving' }
  | { state: 'saved'; savedAt: string }
  | { state: 'error'; code: string; reason: string };
