import type { ExportText } from '../../../shared/export/exportText';

/**
 * The English words of every export, for the host and the CLI (the renderer passes
 * its own translated catalogue when it builds pictures itself). Statistic definitions
 * follow docs/methods.md word for word in meaning.
 */
export const ENGLISH_EXPORT_TEXT: ExportText = {
  zones: {
    hp_hi: 'High power, high interest',
    hp_li: 'High power, low interest',
    lp_hi: 'Low power, high interest',
    lp_li: 'Low power, low interest',
  },
  zoneRoles: {
    hp_hi: 'Key players: act together',
    hp_li: 'Accountability gap',
    lp_hi: 'Allies to strengthen',
    lp_li: 'Watch',
  },
  map: {
    session: 'Session {{code}}',
    cohort: 'Cohort: {{cohort}}',
    round: 'Round: {{round}}',
    date: 'Date: {{date}}',
    low: 'low',
    high: 'high',
    midline: 'Midline at power {{power}}, interest {{interest}}',
    legend: 'Legend',
    chipMain: 'Where the group placed it',
    chipAlt: 'Minority position (contested)',
    unknown: 'Unknown to the group',
    notDiscussed: 'Not discussed',
    notYetPlaced: 'Not yet placed',
    none: 'none',
    key: 'Short labels',
    notes: 'Notes and quotes',
    sessionNotes: 'Session notes',
    contestedNote: 'Contested: minority position at power {{power}}, interest {{interest}}',
    redacted: 'Notes and quotes left out.',
  },
  compare: {
    title: 'Compare view: {{selection}}',
    sessionsCount: '{{sessions}} sessions',
    focus: 'Stakeholder: {{name}}',
    cohortN: '{{cohort}} (n = {{n}})',
    cohorts: 'Cohorts',
    mark: 'Small mark: one session’s placement',
    centroid: 'Large mark: cohort centroid (mean)',
    ellipse: 'Ellipse: one standard deviation (cohorts with 3 or more sessions)',
    arrow: 'Arrow: from {{from}} to each other cohort’s centroid',
    sessionsNotIndividuals: 'Each mark is a session (a group or an interview), not an individual.',
    noPlacements: 'No session placed this stakeholder.',
  },
  report: {
    documentTitle: 'Report: {{title}}',
    subtitle: 'Power–interest mapping of duty bearers',
    generated: 'Generated {{date}} by Power–Interest Mapper {{version}}',
    scope: '{{sessions}} sessions, {{stakeholders}} stakeholders, {{cohorts}} cohorts',
    contents: 'Contents',
    methods: 'Methods note',
    methodsIntro:
      'Each session is one focus group discussion or one interview. The group discussed each stakeholder and agreed where it goes on a power–interest grid; both axes run from 0 (lowest) to 10 (highest). A stakeholder the group did not know is recorded as unknown, one it did not reach as not discussed; only placed stakeholders enter the positions below. Where the group could not agree the placement is marked contested and the minority position is kept; statistics use the main position.',
    axesHeading: 'Axes and zones',
    axisPower: 'Vertical axis (power): {{power}}',
    axisInterest: 'Horizontal axis (interest): {{interest}}',
    midline:
      'The zones are split at {{power}} on the power axis and {{interest}} on the interest axis; a value on the midline counts as high.',
    cohortsHeading: 'Cohorts and sessions in this report',
    cohortColumn: 'Cohort',
    sessionsColumn: 'Sessions',
    roundsHeading: 'Rounds',
    rounds: 'Rounds: {{rounds}}',
    noRounds: 'The sessions carry no round.',
    statisticsHeading: 'Statistics used',
    statistics: [
      { term: 'n', definition: 'the number of sessions that placed the stakeholder; unknown and not discussed are counted separately.' },
      { term: 'Centroid', definition: 'the arithmetic mean of power and of interest over the sessions that placed the stakeholder.' },
      { term: 'Standard deviation', definition: 'the sample standard deviation of each axis (dividing by n − 1); not given when n < 2.' },
      {
        term: 'Agreement',
        definition:
          '1 − (variance of power + variance of interest) / (2 × 100/12), clipped to 0–1, where 100/12 is the variance of a placement made at random on 0–10. 1 means every session put the stakeholder in the same spot; 0 means no better than random.',
      },
      { term: 'Modal zone', definition: 'the zone most sessions chose (ties broken in the order high/high, high power/low interest, low power/high interest, low/low), with its share of n.' },
      {
        term: 'Between-cohort variance',
        definition: 'the sum of squared distances of the cohort centroids from their unweighted mean, divided by the number of cohorts − 1.',
      },
      {
        term: 'Permutation test',
        definition:
          'a PERMANOVA on Euclidean distances: pseudo-F = [SS between / (K − 1)] / [SS within / (N − K)]; cohort labels are shuffled among the N sessions that placed the stakeholder, and p = (1 + number of shuffles with F at least the observed F) / (1 + number of shuffles). R-squared = SS between / SS total.',
      },
      {
        term: 'Testable',
        definition:
          'at least two cohorts with 3 or more sessions each, the placements not all at one spot, and no group counted twice (the same session code in two rounds); otherwise no p-value is given, only points and centroids.',
      },
      { term: 'q-value', definition: 'the Benjamini–Hochberg adjustment of the p-values across the testable stakeholders of this report.' },
      {
        term: 'Zone consensus',
        definition: 'at least two cohorts have 2 or more sessions placing the stakeholder, every cohort that placed it has the same modal zone, and that zone holds at least 75% of all placements.',
      },
      { term: 'Divergent', definition: 'testable and q < 0.05.' },
      {
        term: 'Spread test (PERMDISP)',
        definition:
          'for each testable stakeholder, a one-way ANOVA F of every session’s distance to its own cohort’s centroid, with a permutation p-value from the same number of shuffles and the same seed. When p < 0.05 the cohorts differ in spread (marked * in the divergence table), so a divergence may be partly a difference in how much groups agree, not only in where they put the stakeholder.',
      },
      { term: 'Krippendorff’s alpha', definition: 'interval alpha per axis, with sessions as coders and stakeholders as units, missing placements allowed.' },
    ],
    permutations: 'Permutations: {{permutations}}; random seed: {{seed}}. The same data, permutations and seed give the same numbers.',
    sessionsNotIndividuals: 'Counts are sessions, not individuals: a focus group counts once, however many people took part.',
    exploratory: 'p-values are exploratory: they describe these sessions and are not a survey of a population.',
    redactedNote: 'Notes and quotes were left out of this report.',
    sessionMaps: 'Session maps',
    compareViews: 'Compare view per stakeholder',
    divergence: 'Divergence table',
    divergenceIntro: 'One row per stakeholder, ordered by between-cohort variance, largest first. Each cohort column gives the cohort’s centroid (power, interest) and its n.',
    columns: {
      stakeholder: 'Stakeholder',
      n: 'n',
      centroids: 'power, interest (n)',
      modalZone: 'Modal zone (share)',
      agreement: 'Agreement',
      betweenVariance: 'Between-cohort variance',
      p: 'p (exploratory)',
      q: 'q',
      consensus: 'Zone consensus',
      divergent: 'Divergent',
      unknown: 'Unknown',
    },
    yes: 'yes',
    no: 'no',
    notTestable: 'not testable: {{why}}',
    spreadDiffers: '* The cohorts differ in spread (spread test p < 0.05): part of this divergence may be how much the groups agree among themselves, not only where they put the stakeholder.',
    notTestableReasons: {
      fewer_than_two_cohorts_with_3: 'fewer than two cohorts with 3 sessions',
      all_at_one_point: 'every session put it in the same spot',
      same_group_in_several_rounds: 'the same group is counted in several rounds; choose one round',
    },
    alpha: 'Agreement across the whole map, Krippendorff’s alpha (interval): power {{power}}, interest {{interest}}.',
    notAvailable: '–',
    salienceHeading: 'Salience gaps',
    salienceGap: '{{stakeholder}}: placed by {{placedBy}}, unknown to {{unknownTo}}.',
    dictionary: 'Data dictionary (CSV)',
    dictionaryIntro:
      'The CSV export has one row per session and stakeholder, UTF-8 with a byte-order mark so spreadsheet programs show Bengali and Hindi correctly. Columns:',
    csvColumns: {
      study: 'The study title.',
      session: 'The session code, e.g. “FGD 3”. Sessions carry codes, never participants’ names.',
      cohort: 'The cohort the session belongs to.',
      round: 'The round (e.g. baseline, endline); blank in a study without rounds.',
      stakeholder: 'The stakeholder’s name.',
      status: 'placed, unknown (the group did not know it) or not_discussed.',
      power: 'Power and influence, 0–10; blank unless placed.',
      interest: 'Interest and involvement, 0–10; blank unless placed.',
      contested: 'true when the group could not agree on the placement.',
      alt_power: 'Power of the minority position of a contested placement, 0–10.',
      alt_interest: 'Interest of the minority position of a contested placement, 0–10.',
      note: 'The reason or quote recorded with the placement; blank when notes were left out.',
    },
    notesHeading: 'Notes and quotes',
  },
};

/** Appended to the code of a session kept beside ours on import ("FGD 3 (imported)"). */
export const IMPORTED_SUFFIX = '(imported)';
