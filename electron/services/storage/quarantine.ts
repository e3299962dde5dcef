import { basename, join } from 'node:path';
import { ensureDir, moveDurably, writeFileAtomic } from './atomicWrite';
import { compactTime } from './layout';
import type { StorageFs } from './storageFs';

/**
 * Move a damaged file out of the way, never deleting it: into the study's `.quarantine/`
 * folder under a time-stamped name, with `<name>.why.txt` next to it saying what was
 * wrong and where it came from, so a person (or support) can repair and copy it back.
 *
 * The move comes first: if the power fails before the note is written, the file is
 * quarantined without a note, which is harmless; the other order could leave a note
 * about a file that was never moved.
 */
export async function quarantineFile(
  fs: StorageFs,
  opts: { file: string; quarantineDir: string; studyDir: string; shownAs: string; why: string; now: Date; note?: string[] },
): Promise<string> {
  await ensureDir(fs, opts.quarantineDir, opts.studyDir);
  const stem = `${compactTime(opts.now)}-${basename(opts.file)}`;
  let dest = join(opts.quarantineDir, stem);
  for (let n = 1; (await fs.stat(dest)) !== null; n++) dest = join(opts.quarantineDir, `${n}-${stem}`);
  await moveDurably(fs, opts.file, dest);
  const note = [
    `Power–Interest Mapper moved this file here on ${opts.now.toISOString()}.`,
    `It was: ${opts.shownAs}`,
    `Why: ${opts.why}.`,
    '',
    ...(opts.note ?? [
      'Nothing was deleted. If an earlier version exists, the app offers it under "Restore an earlier version".',
      'To use this file again, repair it and copy it back to where it was.',
    ]),
    '',
  ].join('\n');
  await writeFileAtomic(fs, `${dest}.why.txt`, new TextEncoder().encode(note));
  return dest;
}
