import { dispatchHostCall } from '../../../shared/contract/dispatch';
import { HostError, type HostHandlers } from '../../../shared/contract/hostContract';
import { applyMerge, parseBundle, planMerge } from '../../../shared/export/studyFile';
import { FakeHost } from '../app/fakeHost';

type ExportOps = Pick<HostHandlers, 'exportSession' | 'exportStudy' | 'saveExport' | 'previewMerge' | 'applyMerge'>;

const b64 = (text: string) => btoa(String.fromCharCode(...new TextEncoder().encode(text)));

/**
 * The shell's fake host plus the export and study-file operations, validated by the real
 * dispatcher. Exports answer with a small file naming what was asked; merges run the real
 * `planMerge`/`applyMerge` over the fake's study, so the dialog sees a true preview.
 */
export class ExportFakeHost extends FakeHost {
  /** What `saveExport` answers: the desktop save dialog's outcome. */
  saveAnswer: { saved: boolean; path: string | null } = { saved: true, path: '/home/facilitator/Documents/export' };
  private exportHolds = new Map<string, Promise<void>>();

  /** Hold an export operation until the returned function is called (a report taking seconds). */
  holdExport(op: keyof ExportOps): () => void {
    let release!: () => void;
    this.exportHolds.set(op, new Promise<void>((r) => (release = r)));
    return () => {
      this.exportHolds.delete(op);
      release();
    };
  }

  payloadsOf(op: string): Record<string, unknown>[] {
    return this.calls.filter((c) => c.op === op).map((c) => c.payload as Record<string, unknown>);
  }

  private readonly exportHandlers: ExportOps = {
    exportSession: async ({ studyId, sessionId, format, redact }) => {
      const session = this.sessions.get(sessionId);
      if (!session || session.studyId !== studyId) throw new HostError('not_found', `no session ${sessionId}`);
      const ext = format === 'svg' ? 'svg' : format === 'pdf' ? 'pdf' : 'png';
      return { fileName: `${session.code}.${ext}`, mimeType: ext === 'svg' ? 'image/svg+xml' : `application/${ext}`, base64: b64(`${format} redact=${redact}`) };
    },
    exportStudy: async ({ studyId, format, redact, sessionIds }) => {
      const study = this.studies.get(studyId);
      if (!study) throw new HostError('not_found', `no study ${studyId}`);
      const ext = format === 'csv' ? 'csv' : format === 'bundle' ? 'pimap.json' : format.endsWith('svg') ? 'svg' : format.endsWith('pdf') ? 'pdf' : 'png';
      return { fileName: `${study.title}.${ext}`, mimeType: 'application/octet-stream', base64: b64(`${format} redact=${redact} sessions=${sessionIds?.length ?? 'all'}`) };
    },
    saveExport: async () => structuredClone(this.saveAnswer),
    previewMerge: async ({ studyId, bundleText }) => {
      const { plan, bundle } = this.plan(studyId, bundleText);
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
      const { plan } = this.plan(studyId, bundleText);
      const result = applyMerge(plan, resolutions, { now: '2026-02-02T09:00:00.000Z', importedSuffix: importedSuffix ?? '(imported)' });
      this.studies.set(studyId, result.study);
      for (const s of result.written) this.sessions.set(s.id, s);
      return { sessionsAdded: result.written.length, sessionsReplaced: 0, sessionsSkipped: plan.identical.length, stakeholdersAdded: plan.newStakeholders.length };
    },
  };

  private plan(studyId: string, bundleText: string) {
    const study = this.studies.get(studyId);
    if (!study) throw new HostError('not_found', `no study ${studyId}`);
    const read = parseBundle(bundleText);
    if (!read.ok) throw new HostError('invalid_file', `The study file cannot be read: ${read.problem}`);
    return { plan: planMerge(study, this.sessionsOf(studyId), read.bundle), bundle: read.bundle };
  }

  override install(): void {
    super.install();
    const base = window.pimapHost!;
    const ops = Object.keys(this.exportHandlers) as (keyof ExportOps)[];
    const extra = Object.fromEntries(
      ops.map((op) => [
        op,
        async (payload: unknown) => {
          this.calls.push({ op, payload: structuredClone(payload) });
          const held = this.exportHolds.get(op);
          if (held) await held;
          const failure = this.failing.get(op);
          if (failure) return { ok: false, error: { code: failure.code, message: failure.message } };
          return dispatchHostCall(this.exportHandlers as unknown as HostHandlers, op, payload);
        },
      ]),
    );
    window.pimapHost = { ...base, ...extra } as NonNullable<Window['pimapHost']>;
  }
}
