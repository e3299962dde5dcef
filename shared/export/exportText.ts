import type { NotTestableReason } from '../analysis/compareCohorts';
import type { ZoneId } from '../model/zones';

/**
 * Every word an export prints, passed in by the caller: the renderer fills it from its
 * i18n catalogue, the host and CLI from the catalogue in electron/services/export.
 * shared/ holds no English so that a Bengali report is Bengali throughout.
 *
 * Strings may carry `{{name}}` placeholders, filled with `fillText`.
 */
export interface ExportText {
  /** Zone names, e.g. "High power, high interest". */
  zones: Record<ZoneId, string>;
  /** What each zone means for action, e.g. "Accountability gap". */
  zoneRoles: Record<ZoneId, string>;
  map: {
    /** "Session {{code}}" */
    session: string;
    /** "Cohort: {{cohort}}" */
    cohort: string;
    /** "Round: {{round}}" */
    round: string;
    /** "Date: {{date}}" */
    date: string;
    low: string;
    high: string;
    /** "Midline at {{power}} (power) and {{interest}} (interest)" */
    midline: string;
    legend: string;
    /** Meaning of a solid chip: where the group agreed to place the stakeholder. */
    chipMain: string;
    /** Meaning of a dashed chip: the minority position of a contested placement. */
    chipAlt: string;
    /** The minority chip's label on the map: "{{label}} (minority)", as the editor words it. */
    minorityChip: string;
    unknown: string;
    notDiscussed: string;
    notYetPlaced: string;
    /** Shown under a list heading when the list is empty. */
    none: string;
    /** Heading of the chip key: short label = full name. */
    key: string;
    notes: string;
    sessionNotes: string;
    /** "Contested: minority position at power {{power}}, interest {{interest}}" */
    contestedNote: string;
    /** Footer when notes were left out: "Notes and quotes left out." */
    redacted: string;
  };
  compare: {
    /** "Compare view: {{selection}}" */
    title: string;
    /** "{{sessions}} sessions" */
    sessionsCount: string;
    /** "Stakeholder: {{name}}" */
    focus: string;
    /** "{{cohort}} (n = {{n}})" */
    cohortN: string;
    /** Legend heading for the cohort marks. */
    cohorts: string;
    /** One mark = one session's placement. */
    mark: string;
    centroid: string;
    /** "Ellipse: one standard deviation (cohorts with n ≥ 3)" */
    ellipse: string;
    /** "Arrow: from {{from}} to another cohort's centroid" */
    arrow: string;
    /** "Each mark is a session (a group or an interview), not an individual." */
    sessionsNotIndividuals: string;
    /** Shown when the focused stakeholder has no placements. */
    noPlacements: string;
  };
  report: {
    /** Document title: "Report: {{title}}" */
    documentTitle: string;
    /** Subtitle of the title page. */
    subtitle: string;
    /** "Generated {{date}} by Power–Interest Mapper {{version}}" */
    generated: string;
    /** "{{sessions}} sessions, {{stakeholders}} stakeholders, {{cohorts}} cohorts" */
    scope: string;
    contents: string;
    methods: string;
    /** Paragraphs of the methods note; placeholders filled from the data. */
    methodsIntro: string;
    axesHeading: string;
    /** "Vertical axis (power): {{power}}" */
    axisPower: string;
    /** "Horizontal axis (interest): {{interest}}" */
    axisInterest: string;
    /** "Zones are split at {{power}} on the power axis and {{interest}} on the interest axis; a value on the midline counts as high." */
    midline: string;
    cohortsHeading: string;
    /** Column headings of the cohort table. */
    cohortColumn: string;
    sessionsColumn: string;
    roundsHeading: string;
    /** "Rounds: {{rounds}}" */
    rounds: string;
    noRounds: string;
    statisticsHeading: string;
    /** Definitions of the statistics, one per entry, in the order shown. */
    statistics: { term: string; definition: string }[];
    /** "Permutations: {{permutations}}; seed: {{seed}}." */
    permutations: string;
    sessionsNotIndividuals: string;
    exploratory: string;
    /** "Notes and quotes were left out of this report." */
    redactedNote: string;
    sessionMaps: string;
    compareViews: string;
    divergence: string;
    /** A short paragraph above the divergence table. */
    divergenceIntro: string;
    /**
     * The plain-language findings on the title page, worded from the analysis' summary
     * items (shared/analysis/summarize.ts). Lists of names are joined the language's way.
     */
    summary: {
      heading: string;
      /** "Cohorts disagree most about: {{names}}." (names: `nameWithN` items) */
      disagreeMost: string;
      /** "… of the {{count}} that could be tested, none …" */
      noDivergence: string;
      nothingTestable: string;
      /** Nothing tested because every stakeholder with enough sessions sat at one point. */
      nothingTestableOnePoint: string;
      /** "{{codes}}": the session codes mapped in several rounds. */
      sameGroupRounds: string;
      differInSpread: string;
      /** "All cohorts agree: {{parts}}." (parts: `agreeZone` items joined by `partSeparator`) */
      allAgree: string;
      /** "{{names}} in “{{zone}}”" */
      agreeZone: string;
      /** "{{name}} ({{share}}, n = {{n}})" */
      agreeName: string;
      /** "{{name}} (n = {{n}}, {{cohorts}} cohorts)" */
      nameWithN: string;
      sameZoneApart: string;
      /** "{{cohort}} did not know: {{names}} (in at least half of its sessions, n = {{sessions}})." */
      didNotKnow: string;
      partSeparator: string;
    };
    /** Column headings of the divergence table. */
    columns: {
      stakeholder: string;
      n: string;
      centroids: string;
      modalZone: string;
      agreement: string;
      betweenVariance: string;
      p: string;
      q: string;
      consensus: string;
      divergent: string;
      unknown: string;
    };
    yes: string;
    no: string;
    /** Shown in place of a p-value when the test cannot be run: "not testable: {{why}}" */
    notTestable: string;
    /** Footnote of the divergence table for stakeholders marked * (the spread test's p < 0.05). */
    spreadDiffers: string;
    /** Why a stakeholder cannot be tested, keyed by the analysis's reason code. */
    notTestableReasons: Record<NotTestableReason, string>;
    /** "Krippendorff's alpha (interval): power {{power}}, interest {{interest}}." */
    alpha: string;
    /** Shown for a value that cannot be computed (too few placements). */
    notAvailable: string;
    /** "Salience gaps" heading and one line per gap: "{{stakeholder}}: placed by {{placedBy}}, unknown to {{unknownTo}}" */
    salienceHeading: string;
    salienceGap: string;
    dictionary: string;
    dictionaryIntro: string;
    /** One description per CSV column, keyed by the column name. */
    csvColumns: Record<string, string>;
    /** Heading of the notes under a session map (only when notes are included). */
    notesHeading: string;
  };
}

/** Fill `{{name}}` placeholders; an unknown placeholder is left visible so a catalogue gap shows. */
export function fillText(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, key: string) =>
    Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : whole,
  );
}
