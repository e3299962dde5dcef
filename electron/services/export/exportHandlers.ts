import { HostError, type HostHandlers } from '../../../shared/contract/hostContract';
import { applyMerge, MergeError, parseBundle, planMerge, type StudyBundle } from '../../../shared/export/studyFile';
import type { StudyRepository } from '../storage/studyRepository';
import { IMPORTED_SUFFIX } from './englishText';
import { exportSession, exportStudy, type ExportedFile } from './exportService';
import type { ExportRenderer } from './render';

type ExportOps = Pick<HostHandlers, 'exportSession' | 'exportStudy' | 'previewMerge' | 'applyMerge'>;

/** Opens the renderer for one export; it is closed when the export ends. */
export type ExportRendererFactory = () => ExportRenderer | Promise<ExportRenderer>;

const asResult = (f: ExportedFile) => ({ fileName: f.fileName, mimeType: f.mimeType, base64: f.data.toString('base64') });

function readBundle(text: string): StudyBundle {
  const read = parseBundle(text);
  if (!read.ok) throw new HostError('invalid_file', `The study file cannot be read: ${read.problem}`);
  return read.bundle;
}

/**
 * The export and study-file operations of the host contract, over the study repository.
 * Files are returned to the UI (base64) rather than written: the user chooses where
 * they go (a download in the preview, a save dialog in the desktop app).
 */
export function exportHandlers(deps: { repository: StudyRepository; version: string; exportRenderer?: ExportRendererFactory }): ExportOps {
  const { repository } = deps;
  /** The injected renderer, open for this one export; without one, exportService starts the system Chromium when it draws. */
  const withRenderer = async <T>(fn: (renderer: ExportRenderer | undefined) => Promise<T>): Promise<T> => {
    if (!deps.exportRenderer) return fn(undefined);
    const renderer = await deps.exportRenderer();
    try {
      return await fn(renderer);
    } finally {
      await renderer.close();
    }
  };
  return {
    exportSession: async ({ studyId, sessionId, format, redact, language }) => {
      const { study, sessions } = await repository.openStudy(studyId);
      const session = sessions.find((s) => s.id === sessionId);
      if (!session) throw new HostError('not_found', `There is no session with id "${sessionId}" in this study`);
      return asResult(await withRenderer((renderer) => exportSession({ study, session, format, redact, lang: language, renderer })));
    },
    exportStudy: async ({ studyId, sessionIds, format, redact, focusStakeholderId, language, permutations, seed }) => {
      const { study, sessions } = await repository.openStudy(studyId);
      const missing = (sessionIds ?? []).filter((id) => !sessions.some((s) => s.id === id));
      if (missing.length) throw new HostError('not_found', `No session with id ${missing.map((m) => `"${m}"`).join(', ')} in this study`);
      const file = await withRenderer((renderer) => exportStudy({ study, sessions, sessionIds, format, redact, focusStakeholderId, lang: language, permutations, seed, appVersion: deps.version, renderer }));
      return asResult(file);
    },
    previewMerge: async ({ studyId, bundleText }) => {
      const bundle = readBundle(bundleText);
      const { study, sessions } = await repository.openStudy(studyId);
      const plan = planMerge(study, sessions, bundle);
      return {
        sourceTitle: bundle.study.title,
        redacted: bundle.redacted,
        newStakeholders: plan.newStakeholders.map((s) => ({ id: s.id, name: s.name })),
        newCohorts: plan.newCohorts.map((c) => ({ id: c.id, name: c.name })),
        newRounds: plan.newRounds.map((r) => ({ id: r.id, name: r.name })),
        newSessions: plan.newSessions.map((s) => ({ code: s.code, roundId: s.roundId, cohortId: s.cohortId })),
        identical: plan.identical.map((i) => ({ code: i.code, roundId: i.roundId })),
        conflicts: plan.conflicts.map((c) => ({ key: c.key, code: c.code, roundId: c.roundId, changedStakeholders: c.changedStakeholders, changedFields: c.changedFields })),
      };
    },
    applyMerge: async ({ studyId, bundleText, resolutions, importedSuffix }) => {
      const bundle = readBundle(bundleText);
      const { study, sessions } = await repository.openStudy(studyId);
      const plan = planMerge(study, sessions, bundle);
      let result;
      try {
        result = applyMerge(plan, resolutions, { now: new Date().toISOString(), importedSuffix: importedSuffix ?? IMPORTED_SUFFIX });
      } catch (err) {
        if (err instanceof MergeError) throw new HostError('conflict', err.message);
        throw err;
      }
      // The study first, so every session written after it finds its stakeholders and cohorts.
      // Compare-and-replace against what was just read: a session changed meanwhile by another
      // window is refused (conflict) rather than overwritten; a new one must not exist yet.
      const readAt = new Map(sessions.map((s) => [s.id, s.revision]));
      if (plan.newStakeholders.length || plan.newCohorts.length || plan.newRounds.length) await repository.saveStudy(result.study, study.revision);
      for (const s of result.written) await repository.saveSession(s, readAt.get(s.id) ?? 0);
      const ourIds = new Set(sessions.map((s) => s.id));
      const replaced = result.written.filter((s) => ourIds.has(s.id)).length;
      return {
        sessionsAdded: result.written.length - replaced,
        sessionsReplaced: replaced,
        sessionsSkipped: plan.identical.length + plan.conflicts.filter((c) => resolutions[c.key] === 'keep_ours').length,
        stakeholdersAdded: plan.newStakeholders.length,
      };
    },
  };
}
