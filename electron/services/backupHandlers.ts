import { HostError, type HostHandlers } from '../../shared/contract/hostContract';
import { parseBundle } from '../../shared/export/studyFile';
import { BUNDLE_EXTENSION, safeFileName } from './export/exportService';
import { backupStudy, restoreBackup } from './storage/restore';
import type { StudyRepository } from './storage/studyRepository';

/**
 * The app's backup and restore (issue 15, part 4): the same services as `pimap backup`
 * and `pimap restore` (storage/restore.ts), behind the host contract. The backup comes
 * back as a file for the UI to hand to the user (downloaded in the preview, saved through
 * the save dialog in the desktop app), like every export.
 */
export function backupHandlers(repository: StudyRepository, now: () => Date = () => new Date()): Pick<HostHandlers, 'backupStudy' | 'restoreBackup'> {
  return {
    backupStudy: async ({ studyId, withHistory }) => {
      const at = now();
      const backup = await backupStudy(repository, studyId, { withHistory, now: at });
      // The date in the name: a facilitator keeps several and must tell them apart.
      const fileName = `${safeFileName(backup.bundle.study.title, 'backup', at.toISOString().slice(0, 10))}${BUNDLE_EXTENSION}`;
      return {
        fileName,
        mimeType: 'application/json',
        base64: Buffer.from(backup.text, 'utf8').toString('base64'),
        sessions: backup.bundle.sessions.length,
        historyVersions: backup.historyVersions,
        leftOut: backup.leftOut,
      };
    },
    restoreBackup: async ({ bundleText }) => {
      const parsed = parseBundle(bundleText);
      if (!parsed.ok) throw new HostError('invalid_file', `${parsed.problem}; nothing was restored`);
      const outcome = await restoreBackup(repository, parsed.bundle, { now: now() });
      if (!outcome.ok) throw new HostError('invalid_file', `${outcome.problem}; nothing was restored`);
      return outcome.summary;
    },
  };
}
