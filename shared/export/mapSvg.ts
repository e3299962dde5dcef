import { ZONE_COLOURS } from '../model/palette';
import type { Session } from '../model/session';
import { stakeholderLabel, type Language, type Stakeholder } from '../model/stakeholder';
import type { Study } from '../model/study';
import { ZONE_IDS } from '../model/zones';
import { buildMapScene, type MapScene } from '../scene/mapScene';
import { mapTextWidth } from '../scene/textMeasure';
import { fillText, type ExportText } from './exportText';
import { mapSceneSvg } from './mapSceneSvg';
import { listBlock, svgDocument } from './svgDocument';
import { escapeXml, fitText, wrapText } from './svgText';

export interface MapSvgInput {
  study: Study;
  session: Session;
  text: ExportText;
  /** Language of stakeholder labels (falls back to English per stakeholder). */
  lang: Language;
  /** Leave out notes and quotes. On unless the caller says otherwise. */
  redact?: boolean;
  /** `@font-face` rules with embedded fonts (see electron/services/export/fonts). */
  fontCss?: string;
  /**
   * Print the notes under the map when not redacted. The report turns this off and
   * prints the notes as flowing text under the picture instead.
   */
  includeNotes?: boolean;
  /**
   * The map's stage size and text scale (EXPORT_MAP_STAGE unless given): the editor lays
   * out its map for its stage's size, so drawing the export at the screen's size gives
   * the screen's picture exactly (the parity test does).
   */
  stage?: { width: number; height: number; scale: number };
}

/** The picture's width at the default map size; a larger map (see `stage`) widens it. */
const WIDTH = 1240;
/** Where the map's scene sits in the picture, under the title block, and its default size. */
const MAP_X = 8;
const MAP_Y = 96;
export const EXPORT_MAP_STAGE = { width: 780, height: 700, scale: 1 } as const;
/** The side panel (legend, key, lists) is never narrower than this. */
const MIN_PANEL = 360;
const MARKER_R = 6;

/** The map's scene as the export draws it: fresh (no incremental history), at the export's stage size. */
export function mapSceneFor(input: Pick<MapSvgInput, 'study' | 'session' | 'text' | 'lang' | 'stage'>): MapScene {
  const stage = input.stage ?? EXPORT_MAP_STAGE;
  const t = input.text;
  return buildMapScene({
    // A stakeholder only the session knows (merged from another copy) still gets its chip.
    study: { ...input.study, stakeholders: stakeholdersOf(input.study, input.session) },
    session: input.session,
    language: input.lang,
    text: { zoneTitle: t.zones, zoneRole: t.zoneRoles, low: t.map.low, high: t.map.high, minority: (label) => fillText(t.map.minorityChip, { label }) },
    width: stage.width,
    height: stage.height,
    scale: stage.scale,
    measure: mapTextWidth,
  });
}

export function cohortName(study: Study, id: string): string {
  return study.cohorts.find((c) => c.id === id)?.name ?? id;
}

export function roundName(study: Study, id: string | null): string {
  if (id === null) return '';
  return study.rounds.find((r) => r.id === id)?.name ?? id;
}

/** The stakeholders a picture of this session mentions: the study's, in display order, then any only the session knows. */
function stakeholdersOf(study: Study, session: Session): Stakeholder[] {
  const list = [...study.stakeholders];
  for (const id of Object.keys(session.placements))
    if (!list.some((s) => s.id === id)) list.push({ id, name: id, short: id.slice(0, 24), description: '', category: 'other', labels: {}, retired: false, custom: true });
  return list;
}

/**
 * One session's map as a standalone SVG: title block, grid with the study's axis
 * wording and zones, the placed stakeholders as chips (contested ones with a dashed
 * ghost at the minority position), a legend, the key of short labels, the lists of
 * stakeholders unknown to the group and not discussed, and — only when not redacted —
 * the notes. Text stays text.
 *
 * The map is the editor's own scene (`mapSceneFor`), laid out afresh: it is the picture
 * the editor draws of the map as opened at the same stage size. After drops on a map of
 * more than 80 chips the editor's incremental relayout may have put a few labels
 * elsewhere; opening the map again gives this layout.
 */
export function buildMapSvg(input: MapSvgInput): string {
  const { study, session, text, lang } = input;
  const redact = input.redact ?? true;
  const includeNotes = !redact && (input.includeNotes ?? true);
  const scene = mapSceneFor(input);
  const px = MAP_X + scene.width + 24;
  const width = Math.max(WIDTH, px + MIN_PANEL + 24);
  const parts: string[] = [];

  // Title block.
  const meta = [
    fillText(text.map.session, { code: session.code }),
    fillText(text.map.cohort, { cohort: cohortName(study, session.cohortId) }),
    session.roundId ? fillText(text.map.round, { round: roundName(study, session.roundId) }) : '',
    session.date ? fillText(text.map.date, { date: session.date }) : '',
  ].filter(Boolean);
  parts.push(
    `<g class="title-block">`,
    `<text class="study-title" x="24" y="40" font-size="24" font-weight="700" fill="#111">${escapeXml(fitText(study.title, width - 48, 24, true))}</text>`,
    `<text class="session-meta" x="24" y="70" font-size="15" fill="#333">${escapeXml(fitText(meta.join('  ·  '), width - 48, 15))}</text>`,
    `<line x1="24" y1="86" x2="${width - 24}" y2="86" stroke="#bbb"/>`,
    `</g>`,
  );
  const stakeholders = stakeholdersOf(study, session);
  const unknown: string[] = [];
  const notDiscussed: string[] = [];
  const notYet: string[] = [];
  for (const s of stakeholders) {
    const p = session.placements[s.id];
    const label = stakeholderLabel(s, lang);
    if (!p) {
      if (!s.retired) notYet.push(label.name);
      continue;
    }
    if (p.status === 'unknown') unknown.push(label.name);
    else if (p.status === 'not_discussed') notDiscussed.push(label.name);
  }
  const placed = stakeholders.filter((s) => session.placements[s.id]?.status === 'placed' && session.placements[s.id]?.position);

  // The map itself is the editor's scene (shared/scene/mapScene) at the stage size below,
  // with the one text measure both use, drawn by the scene's SVG back-end: every chip,
  // label and zone title lands where the editor's canvas puts it at that size.
  parts.push(`<g class="map" transform="translate(${MAP_X} ${MAP_Y})">${mapSceneSvg(scene, study.midline, text.map)}</g>`);

  // Side panel: legend, key, and the lists a grid cannot show.
  const panelW = width - 24 - px;
  let y = MAP_Y + 8;
  const legend: string[] = [`<g class="legend">`, `<text x="${px}" y="${y + 15}" font-size="15" font-weight="700" fill="#222">${escapeXml(text.map.legend)}</text>`];
  y += 28;
  for (const zone of ZONE_IDS) {
    const c = ZONE_COLOURS[zone];
    legend.push(
      `<rect x="${px}" y="${y}" width="22" height="16" fill="${c.fill}" stroke="${c.stroke}" stroke-width="2"/>`,
      `<text x="${px + 30}" y="${y + 13}" font-size="13" fill="#222">${escapeXml(fitText(`${text.zones[zone]} — ${text.zoneRoles[zone]}`, panelW - 30, 13))}</text>`,
    );
    y += 22;
  }
  y += 4;
  legend.push(
    `<circle cx="${px + 6}" cy="${y + 9}" r="${MARKER_R}" fill="#222"/>`,
    `<rect x="${px + 15}" y="${y}" width="19" height="18" rx="5" fill="#fff" stroke="#222" stroke-width="2"/>`,
    `<text x="${px + 42}" y="${y + 14}" font-size="13" fill="#222">${escapeXml(fitText(text.map.chipMain, panelW - 42, 13))}</text>`,
  );
  y += 24;
  legend.push(
    `<circle cx="${px + 6}" cy="${y + 9}" r="${MARKER_R}" fill="#fff" stroke="#222" stroke-width="2" stroke-dasharray="3 2"/>`,
    `<rect x="${px + 15}" y="${y}" width="19" height="18" rx="5" fill="#fff" stroke="#222" stroke-width="1.5" stroke-dasharray="5 3"/>`,
    `<text x="${px + 42}" y="${y + 14}" font-size="13" fill="#222">${escapeXml(fitText(text.map.chipAlt, panelW - 42, 13))}</text>`,
  );
  y += 24;
  const mid = fillText(text.map.midline, { power: study.midline.power, interest: study.midline.interest });
  legend.push(`<line x1="${px}" y1="${y + 9}" x2="${px + 34}" y2="${y + 9}" stroke="#333" stroke-width="1.5" stroke-dasharray="6 4"/>`);
  legend.push(`<text x="${px + 42}" y="${y + 14}" font-size="13" fill="#222">${escapeXml(fitText(mid, panelW - 42, 13))}</text>`);
  y += 30;
  legend.push('</g>');
  parts.push(legend.join('\n'));

  const keyLines = placed
    .map((s) => stakeholderLabel(s, lang))
    .filter((l) => l.short !== l.name)
    .map((l) => fitText(`${l.short} = ${l.name}`, panelW - 10, 12.5));
  const blocks: { heading: string; lines: string[]; cls: string; always: boolean }[] = [
    { heading: text.map.key, lines: keyLines, cls: 'key', always: false },
    { heading: text.map.unknown, lines: unknown, cls: 'unknown-list', always: true },
    { heading: text.map.notDiscussed, lines: notDiscussed, cls: 'not-discussed-list', always: true },
    { heading: text.map.notYetPlaced, lines: notYet, cls: 'not-yet-list', always: false },
  ];
  for (const b of blocks) {
    if (!b.always && b.lines.length === 0) continue;
    const lines = b.lines.map((l) => fitText(l, panelW - 10, 13));
    const block = listBlock({ x: px, y, heading: b.heading, lines, empty: text.map.none, className: b.cls, fontSize: b.cls === 'key' ? 12.5 : 13 });
    parts.push(block.svg);
    y = block.y;
  }

  let height = Math.max(MAP_Y + scene.height + 12, y + 10);

  if (includeNotes) {
    const notes: string[] = [];
    if (session.notes.trim()) notes.push(`${text.map.sessionNotes}: ${session.notes.trim()}`);
    for (const s of stakeholders) {
      const p = session.placements[s.id];
      if (!p) continue;
      const name = stakeholderLabel(s, lang).name;
      if (p.note.trim()) notes.push(`${name}: ${p.note.trim()}`);
    }
    if (notes.length) {
      const out = [`<g class="notes">`, `<text x="24" y="${height + 4}" font-size="16" font-weight="700" fill="#222">${escapeXml(text.map.notes)}</text>`];
      let ny = height + 12;
      for (const note of notes) {
        ny += 6;
        for (const line of wrapText(note, width - 60, 13.5)) {
          ny += 19;
          out.push(`<text x="34" y="${ny}" font-size="13.5" fill="#222">${escapeXml(line)}</text>`);
        }
      }
      out.push('</g>');
      parts.push(out.join('\n'));
      height = ny + 28;
    }
  } else if (redact) {
    parts.push(`<text class="redaction-note" x="24" y="${height - 4}" font-size="12" fill="#555">${escapeXml(text.map.redacted)}</text>`);
    height += 8;
  }

  return svgDocument({
    width,
    height: Math.ceil(height),
    title: `${study.title} — ${session.code}`,
    lang,
    fontCss: input.fontCss ?? '',
    body: parts.join('\n'),
  });
}
