import { ZONE_COLOURS } from '../model/palette';
import type { Session } from '../model/session';
import { stakeholderLabel, type Language, type Stakeholder } from '../model/stakeholder';
import type { Study } from '../model/study';
import { ZONE_IDS, zoneOf } from '../model/zones';
import { layoutChipLabels, type ChipToLay } from '../ops/chipLayout';
import { fillText, type ExportText } from './exportText';
import { gridMargins, gridSvg, toPx, zoneLabels, type GridFrame } from './gridSvg';
import { listBlock, svgDocument } from './svgDocument';
import { escapeXml, fitText, num, textWidth, wrapText } from './svgText';

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
}

const WIDTH = 1240;
const CHIP_FONT = 13;
const CHIP_H = 24;
const CHIP_PAD = 8;
const MARKER_R = 6;

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
 */
export function buildMapSvg(input: MapSvgInput): string {
  const { study, session, text, lang } = input;
  const redact = input.redact ?? true;
  const includeNotes = !redact && (input.includeNotes ?? true);
  const margins = gridMargins();
  const frame: GridFrame = { left: 24 + margins.left, top: 112, size: 620 };
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
    `<text class="study-title" x="24" y="40" font-size="24" font-weight="700" fill="#111">${escapeXml(fitText(study.title, WIDTH - 48, 24, true))}</text>`,
    `<text class="session-meta" x="24" y="70" font-size="15" fill="#333">${escapeXml(fitText(meta.join('  ·  '), WIDTH - 48, 15))}</text>`,
    `<line x1="24" y1="86" x2="${WIDTH - 24}" y2="86" stroke="#bbb"/>`,
    `</g>`,
  );
  parts.push(`<g class="grid">${gridSvg(frame, study, text)}</g>`);

  const stakeholders = stakeholdersOf(study, session);
  const placed: { s: Stakeholder; label: string }[] = [];
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
    if (p.status === 'placed' && p.position) placed.push({ s, label: label.short });
    else if (p.status === 'unknown') unknown.push(label.name);
    else if (p.status === 'not_discussed') notDiscussed.push(label.name);
  }

  // Chips: a marker at the exact position and a label beside it, laid out by the
  // editor's own label placement so the picture reads like the screen. Main positions
  // come first and get the better spots; contested alternates are dashed ghosts.
  const chips: ChipToLay[] = [];
  const chipInfo = new Map<string, { label: string; alt: boolean; colour: string; stakeholderId: string }>();
  const alts: ChipToLay[] = [];
  for (const { s, label } of placed) {
    const p = session.placements[s.id]!;
    const shown = fitText(label, 150, CHIP_FONT, true);
    const width = textWidth(shown, CHIP_FONT, true) + 2 * CHIP_PAD;
    const at = toPx(frame, p.position!);
    chips.push({ id: s.id, x: at.x, y: at.y, labelWidth: width, labelHeight: CHIP_H });
    chipInfo.set(s.id, { label: shown, alt: false, colour: ZONE_COLOURS[zoneOf(p.position!, study.midline)].stroke, stakeholderId: s.id });
    if (p.contested && p.alt) {
      const altAt = toPx(frame, p.alt);
      alts.push({ id: `${s.id}~alt`, x: altAt.x, y: altAt.y, labelWidth: width, labelHeight: CHIP_H });
      chipInfo.set(`${s.id}~alt`, { label: shown, alt: true, colour: ZONE_COLOURS[zoneOf(p.alt, study.midline)].stroke, stakeholderId: s.id });
    }
  }
  const all = [...chips, ...alts];
  const laid = layoutChipLabels(all, {
    markerRadius: MARKER_R,
    bounds: { x: frame.left + 2, y: frame.top + 2, width: frame.size - 4, height: frame.size - 4 },
    gap: 3,
    softObstacles: zoneLabels(frame, study, text).map((l) => ({ x: l.box.left, y: l.box.top, width: l.box.right - l.box.left, height: l.box.bottom - l.box.top })),
  });
  const anchor = new Map(all.map((c) => [c.id, c]));

  const links: string[] = [];
  const ghosts: string[] = [];
  const mains: string[] = [];
  for (const l of laid) {
    const info = chipInfo.get(l.id)!;
    const a = anchor.get(l.id)!;
    const b = l.box;
    const cx = b.x + b.width / 2;
    const cy = b.y + b.height / 2;
    // A leader runs from the marker to the nearest point of its label.
    const lx = Math.max(b.x, Math.min(a.x, b.x + b.width));
    const ly = Math.max(b.y, Math.min(a.y, b.y + b.height));
    const leader = l.leader ? `<line x1="${num(a.x)}" y1="${num(a.y)}" x2="${num(lx)}" y2="${num(ly)}" stroke="#555" stroke-width="1"/>` : '';
    if (info.alt) {
      const main = anchor.get(info.stakeholderId)!;
      links.push(
        `<line class="contested-link" x1="${num(main.x)}" y1="${num(main.y)}" x2="${num(a.x)}" y2="${num(a.y)}" stroke="#444" stroke-width="1.5" stroke-dasharray="5 4"/>`,
      );
      ghosts.push(
        `<g class="chip chip-alt" data-stakeholder="${escapeXml(info.stakeholderId)}">${leader}` +
          `<circle cx="${num(a.x)}" cy="${num(a.y)}" r="${MARKER_R}" fill="#ffffff" stroke="${info.colour}" stroke-width="2" stroke-dasharray="3 2"/>` +
          `<rect x="${num(b.x)}" y="${num(b.y)}" width="${num(b.width)}" height="${num(b.height)}" rx="6" fill="#ffffff" fill-opacity="0.8" stroke="${info.colour}" stroke-width="1.5" stroke-dasharray="5 3"/>` +
          `<text x="${num(cx)}" y="${num(cy + CHIP_FONT / 3 + 1)}" text-anchor="middle" font-size="${CHIP_FONT}" font-style="italic" fill="#444">${escapeXml(info.label)}</text></g>`,
      );
    } else {
      mains.push(
        `<g class="chip" data-stakeholder="${escapeXml(info.stakeholderId)}">${leader}` +
          `<circle cx="${num(a.x)}" cy="${num(a.y)}" r="${MARKER_R}" fill="${info.colour}" stroke="#ffffff" stroke-width="1.5"/>` +
          `<rect x="${num(b.x)}" y="${num(b.y)}" width="${num(b.width)}" height="${num(b.height)}" rx="6" fill="#ffffff" stroke="${info.colour}" stroke-width="2"/>` +
          `<text x="${num(cx)}" y="${num(cy + CHIP_FONT / 3 + 1)}" text-anchor="middle" font-size="${CHIP_FONT}" font-weight="700" fill="#111">${escapeXml(info.label)}</text></g>`,
      );
    }
  }
  parts.push(`<g class="contested-links">${links.join('')}</g>`, `<g class="ghosts">${ghosts.join('\n')}</g>`, `<g class="chips">${mains.join('\n')}</g>`);

  // Side panel: legend, key, and the lists a grid cannot show.
  const px = frame.left + frame.size + 48;
  const panelW = WIDTH - 24 - px;
  let y = frame.top - 14;
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
    .map(({ s }) => stakeholderLabel(s, lang))
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

  let height = Math.max(frame.top + frame.size + margins.bottom + 20, y + 10);

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
        for (const line of wrapText(note, WIDTH - 60, 13.5)) {
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
    width: WIDTH,
    height: Math.ceil(height),
    title: `${study.title} — ${session.code}`,
    lang,
    fontCss: input.fontCss ?? '',
    body: parts.join('\n'),
  });
}
