import { useTranslation } from 'react-i18next';
import type { CohortComparison } from '../../../shared/analysis/compareCohorts';
import type { FindingBasis, SummaryItem } from '../../../shared/analysis/summarize';
import type { ZoneId } from '../../../shared/model/zones';
import { formatCount, formatShare } from './format';

/** Join names the way the language does ("A, B and C"). */
export function joinList(items: readonly string[], lang: string): string {
  return new Intl.ListFormat(lang, { style: 'long', type: 'conjunction' }).format(items);
}

/**
 * The plain-language findings above the divergence table, worded from the analysis'
 * structured summary items: who the cohorts disagree about, where they all agree, what a
 * cohort did not know; then the reminders that keep it honest (sessions, not individuals;
 * exploratory p-values with the permutations and seed).
 */
export function CompareSummary({
  items,
  comparison,
  nameOf,
  cohortName,
}: {
  items: readonly SummaryItem[];
  comparison: CohortComparison;
  nameOf: (stakeholderId: string) => string;
  cohortName: (cohortId: string) => string;
}) {
  const { t, i18n } = useTranslation('compare');
  const lang = i18n.language;
  const list = (ids: readonly string[]) => joinList(ids.map(nameOf), lang);
  // "Police (24 sessions, 3 cohorts)": every finding names the n it rests on.
  const listWithN = (basis: readonly FindingBasis[]) =>
    joinList(
      basis.map((b) =>
        t('summary.nameWithN', {
          name: nameOf(b.stakeholderId),
          sessions: t('summary.sessionsN', { count: b.n, n: formatCount(b.n, lang) }),
          cohorts: t('summary.cohortsN', { count: b.cohorts, n: formatCount(b.cohorts, lang) }),
        }),
      ),
      lang,
    );
  const divergent = new Set(comparison.stakeholders.filter((s) => s.divergent).map((s) => s.id));

  const findings: Array<{ key: string; text: string; tone: 'disagree' | 'agree' | 'unknown' | 'plain' }> = [];
  for (const item of items) {
    if (item.kind === 'disagree_most') findings.push({ key: 'disagree', text: t('summary.disagreeMost', { names: listWithN(item.stakeholders) }), tone: 'disagree' });
    else if (item.kind === 'no_divergence') findings.push({ key: 'none', text: t('summary.noDivergence', { count: item.testable }), tone: 'plain' });
    else if (item.kind === 'same_group_in_several_rounds')
      findings.push({ key: 'rounds', text: t('summary.sameGroupRounds', { count: item.codes.length, codes: joinList(item.codes, lang) }), tone: 'plain' });
    else if (item.kind === 'nothing_testable')
      findings.push({ key: 'untestable', text: t(item.reason === 'all_at_one_point' ? 'summary.nothingTestableOnePoint' : 'summary.nothingTestable'), tone: 'plain' });
    else if (item.kind === 'differ_in_spread') findings.push({ key: 'spread', text: t('summary.differInSpread', { names: listWithN(item.stakeholders) }), tone: 'plain' });
  }
  // Consensus items grouped by zone: "ASHA (100% of 39 sessions) and Anganwadi (…) are low power,
  // high interest". A stakeholder in the same zone for every cohort that is also divergent is
  // named apart ("same zone, placed apart within it"), or the two findings would seem to contradict.
  const consensus = items.filter((i): i is Extract<SummaryItem, { kind: 'zone_consensus' }> => i.kind === 'zone_consensus');
  const byZone = (group: typeof consensus) => {
    const zones = new Map<ZoneId, typeof consensus>();
    for (const c of group) zones.set(c.zone, [...(zones.get(c.zone) ?? []), c]);
    return [...zones].map(([zone, members]) =>
      t('summary.agreeZone', {
        count: members.length,
        names: joinList(
          members.map((c) =>
            t('summary.agreeName', {
              name: nameOf(c.stakeholderId),
              share: formatShare(c.share, lang),
              sessions: t('summary.sessionsN', { count: c.n, n: formatCount(c.n, lang) }),
              cohorts: t('summary.cohortsN', { count: c.cohorts, n: formatCount(c.cohorts, lang) }),
            }),
          ),
          lang,
        ),
        zone: t(`zoneInSentence.${zone}`),
      }),
    );
  };
  const agreed = consensus.filter((c) => !divergent.has(c.stakeholderId));
  const apart = consensus.filter((c) => divergent.has(c.stakeholderId));
  if (agreed.length > 0) findings.push({ key: 'agree', text: t('summary.allAgree', { parts: byZone(agreed).join(t('summary.partSeparator')) }), tone: 'agree' });
  if (apart.length > 0) findings.push({ key: 'apart', text: t('summary.sameZoneApart', { parts: byZone(apart).join(t('summary.partSeparator')) }), tone: 'plain' });
  for (const item of items) {
    if (item.kind !== 'did_not_know') continue;
    findings.push({
      key: `unknown-${item.cohortId}`,
      text: t('summary.didNotKnow', { cohort: cohortName(item.cohortId), names: list(item.stakeholderIds), sessions: formatCount(item.sessions, lang), count: item.sessions }),
      tone: 'unknown',
    });
  }

  const basis = items.find((i): i is Extract<SummaryItem, { kind: 'sessions_not_individuals' }> => i.kind === 'sessions_not_individuals');
  const exploratory = items.find((i): i is Extract<SummaryItem, { kind: 'exploratory_p_values' }> => i.kind === 'exploratory_p_values');

  return (
    <section className="compare-summary" aria-labelledby="compare-summary-title">
      <h2 id="compare-summary-title" className="compare-section-title">
        {t('summary.title')}
      </h2>
      <ul className="findings" data-testid="compare-findings">
        {findings.map((f) => (
          <li key={f.key} className={`finding finding-${f.tone}`}>
            {f.text}
          </li>
        ))}
      </ul>
      <p className="honest-line" data-testid="compare-basis">
        {basis
          ? t('summary.basis', {
              count: basis.sessions,
              sessions: formatCount(basis.sessions, lang),
              cohorts: joinList(
                basis.cohorts.map((c) => t('summary.cohortN', { cohort: cohortName(c.cohortId), n: formatCount(c.sessions, lang) })),
                lang,
              ),
            })
          : null}{' '}
        {exploratory
          ? t('summary.exploratory', { permutations: formatCount(exploratory.permutations, lang), seed: exploratory.seed })
          : t('summary.noTests', { permutations: formatCount(comparison.permutations, lang), seed: comparison.seed })}
      </p>
    </section>
  );
}
