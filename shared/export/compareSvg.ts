import { centroidOf, covarianceOf, ellipseOf } from '../analysis/descriptive';
import type { Position } from '../model/position';
import type { Session } from '../model/session';
import { stakeholderLabel, type Language, type Stakeholder } from '../model/stakeholder';
import type { Cohort, Study } from '../model/study';
import { shapePathData } from '../scene/cohortShapes';
import { fillText, type ExportText } from './exportText';
import { gridMargins, gridSvg, toPx, zoneLabels, type GridFrame } from './gridSvg';
import { svgDocument } from './svgDocument';
import { layoutChipLabels, type ChipToLay } from '../ops/chipLayout';
import { escapeXml, fitText, num, textWidth, wrapText } from './svgText';

export interface CompareSvgInput {
  study: Study;
  /** The selected sessions (cohorts, rounds, sessions chosen by the user). */
  sessions: readonly Session[];
  text: ExportText;
  lang: Language;
  /** Draw one stakeholder in full and the others dimmed; otherwise every stakeholder. */
  focusStakeholderId?: string | null;
  /** Words for the selection, e.g. "Baseline, all cohorts"; defaults to the session count. */
  selectionLabel?: string;
  fontCss?: string;
  /** Prefix for element ids, so several pictures can share one HTML page (the report). */
  idPrefix?: string;
}

const WIDTH = 1240;

/** A cohort marker: the same shapes as the compare view on screen (shared/scene/cohortShapes), centred on (x, y). */
export const shapePath = shapePathData;

interface CohortView {
  cohort: Cohort;
  points: Position[];
  centroid: Position | null;
}

function cohortViews(cohorts: readonly Cohort[], sessions: readonly Session[], stakeholderId: string): CohortView[] {
  return cohorts.map((cohort) => {
    const points = sessions
      .filter((s) => s.cohortId === cohort.id)
      .map((s) => s.placements[stakeholderId])
      .filter((p) => p?.status === 'placed' && p.position)
      .map((p) => p!.position!);
    return { cohort, points, centroid: centroidOf(points) };
  });
}

/**
 * The compare view as a standalone SVG: every session's placement as a small mark
 * coloured and shaped by cohort, cohort centroids, one-SD ellipses where a cohort has
 * n ≥ 3, arrows from the first cohort's centroid to each other cohort's, a legend with
 * n per cohort and the reminder that marks are sessions, not individuals. With a focus
 * stakeholder the others are drawn faint behind it.
 *
 * Without a focus (every stakeholder at once) the picture is de-cluttered to stay
 * readable: session marks small and faint, no ellipses, thin arrows, and one label per
 * stakeholder at its first cohort's centroid (where its arrows start), laid out so no
 * two labels cover each other, with a leader line when a label had to move away.
 */
export function buildCompareSvg(input: CompareSvgInput): string {
  const { study, sessions, text, lang } = input;
  const margins = gridMargins();
  const frame: GridFrame = { left: 24 + margins.left, top: 112, size: 620 };
  const unit = frame.size / 10;
  const cohorts = study.cohorts.filter((c) => sessions.some((s) => s.cohortId === c.id));
  const focus = input.focusStakeholderId ? study.stakeholders.find((s) => s.id === input.focusStakeholderId) ?? null : null;
  const shown: Stakeholder[] = focus
    ? [focus]
    : study.stakeholders.filter((st) => sessions.some((s) => s.placements[st.id]?.status === 'placed'));
  const parts: string[] = [];
  const arrowId = `${input.idPrefix ?? ''}arrow`;

  const selection = input.selectionLabel ?? fillText(text.compare.sessionsCount, { sessions: sessions.length });
  const subtitle = [fillText(text.compare.title, { selection }), focus ? fillText(text.compare.focus, { name: stakeholderLabel(focus, lang).name }) : ''].filter(Boolean).join('  ·  ');
  parts.push(
    `<g class="title-block">`,
    `<text class="study-title" x="24" y="40" font-size="24" font-weight="700" fill="#111">${escapeXml(fitText(study.title, WIDTH - 48, 24, true))}</text>`,
    `<text class="selection" x="24" y="70" font-size="15" fill="#333">${escapeXml(fitText(subtitle, WIDTH - 48, 15))}</text>`,
    `<line x1="24" y1="86" x2="${WIDTH - 24}" y2="86" stroke="#bbb"/>`,
    `</g>`,
    `<defs><marker id="${arrowId}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 Z" fill="#222"/></marker></defs>`,
    `<g class="grid">${gridSvg(frame, study, text)}</g>`,
  );

  // Faint context: the other stakeholders' placements behind the focused one.
  if (focus) {
    const faint: string[] = [];
    for (const s of sessions)
      for (const [id, p] of Object.entries(s.placements)) {
        if (id === focus.id || p.status !== 'placed' || !p.position) continue;
        const at = toPx(frame, p.position);
        faint.push(`<circle cx="${num(at.x)}" cy="${num(at.y)}" r="2.5" fill="#777"/>`);
      }
    parts.push(`<g class="context" opacity="0.25">${faint.join('')}</g>`);
  }

  const ellipses: string[] = [];
  const marks: string[] = [];
  const arrows: string[] = [];
  const centroids: string[] = [];
  const labels: string[] = [];
  const markR = focus ? 6 : 3;
  const centroidR = focus ? 11 : 6;
  const labelAnchors: Array<{ st: Stakeholder; x: number; y: number }> = [];
  const otherCentroids: Array<{ x: number; y: number }> = [];
  for (const st of shown) {
    const views = cohortViews(cohorts, sessions, st.id);
    for (const v of views) {
      if (focus && v.points.length >= 3 && v.centroid) {
        const cov = covarianceOf(v.points, v.centroid);
        if (cov) {
          const e = ellipseOf(v.centroid, cov);
          const c = toPx(frame, v.centroid);
          ellipses.push(
            `<ellipse class="sd-ellipse" data-cohort="${escapeXml(v.cohort.id)}" cx="${num(c.x)}" cy="${num(c.y)}" rx="${num(Math.max(1, e.radii.major * unit))}" ry="${num(Math.max(1, e.radii.minor * unit))}" transform="rotate(${num(-e.angleDeg)} ${num(c.x)} ${num(c.y)})" fill="${v.cohort.colour}" fill-opacity="${focus ? 0.1 : 0.05}" stroke="${v.cohort.colour}" stroke-width="${focus ? 2 : 1.2}"/>`,
          );
        }
      }
      for (const p of v.points) {
        const at = toPx(frame, p);
        marks.push(
          focus
            ? `<path class="mark" data-cohort="${escapeXml(v.cohort.id)}" d="${shapePath(v.cohort.shape, at.x, at.y, markR)}" fill="${v.cohort.colour}" fill-opacity="0.85" stroke="#ffffff" stroke-width="1"/>`
            : `<path class="mark" data-cohort="${escapeXml(v.cohort.id)}" d="${shapePath(v.cohort.shape, at.x, at.y, markR)}" fill="${v.cohort.colour}" fill-opacity="0.3"/>`,
        );
      }
    }
    const present = views.filter((v) => v.centroid);
    const from = present[0];
    if (from?.centroid)
      for (const to of present.slice(1)) {
        const a = toPx(frame, from.centroid);
        const b = toPx(frame, to.centroid!);
        const len = Math.hypot(b.x - a.x, b.y - a.y);
        // Stop short of the target so the arrowhead does not hide its centroid.
        if (len < centroidR * 2 + 4) continue;
        const k = (len - centroidR - 2) / len;
        const s0 = (centroidR + 2) / len;
        arrows.push(
          `<line class="centroid-arrow" x1="${num(a.x + (b.x - a.x) * s0)}" y1="${num(a.y + (b.y - a.y) * s0)}" x2="${num(a.x + (b.x - a.x) * k)}" y2="${num(a.y + (b.y - a.y) * k)}" stroke="#222" stroke-width="${focus ? 2 : 0.9}"${focus ? '' : ' stroke-opacity="0.55"'} marker-end="url(#${arrowId})"/>`,
        );
      }
    for (const v of present) {
      const c = toPx(frame, v.centroid!);
      centroids.push(`<path class="centroid" data-cohort="${escapeXml(v.cohort.id)}" d="${shapePath(v.cohort.shape, c.x, c.y, centroidR)}" fill="${v.cohort.colour}" stroke="#111" stroke-width="${focus ? 2 : 1.4}"/>`);
      if (v !== present[0]) otherCentroids.push(c);
    }
    if (!focus && present[0]?.centroid) labelAnchors.push({ st, ...toPx(frame, present[0].centroid) });
  }
  if (!focus) labels.push(...stakeholderLabels(labelAnchors, otherCentroids, frame, centroidR, lang, zoneLabels(frame, study, text).map((l) => ({ x: l.box.left, y: l.box.top, width: l.box.right - l.box.left, height: l.box.bottom - l.box.top }))));
  parts.push(
    `<g class="ellipses">${ellipses.join('\n')}</g>`,
    `<g class="marks">${marks.join('\n')}</g>`,
    `<g class="arrows">${arrows.join('\n')}</g>`,
    `<g class="centroids">${centroids.join('\n')}</g>`,
    `<g class="labels">${labels.join('\n')}</g>`,
  );
  if (focus && shown.every((st) => cohortViews(cohorts, sessions, st.id).every((v) => v.points.length === 0)))
    parts.push(`<text class="no-placements" x="${num(frame.left + frame.size / 2)}" y="${num(frame.top + frame.size / 2 - 20)}" text-anchor="middle" font-size="16" fill="#333" stroke="#fff" stroke-width="4" paint-order="stroke">${escapeXml(text.compare.noPlacements)}</text>`);

  // Legend: n per cohort next to every cohort, and how to read the marks.
  const px = frame.left + frame.size + 48;
  const panelW = WIDTH - 24 - px;
  let y = frame.top - 14;
  const legend: string[] = [`<g class="legend">`, `<text x="${px}" y="${y + 15}" font-size="15" font-weight="700" fill="#222">${escapeXml(text.compare.cohorts)}</text>`];
  y += 30;
  for (const cohort of cohorts) {
    const n = focus
      ? cohortViews([cohort], sessions, focus.id)[0]!.points.length
      : sessions.filter((s) => s.cohortId === cohort.id).length;
    legend.push(
      `<path d="${shapePath(cohort.shape, px + 10, y + 8, 8)}" fill="${cohort.colour}" stroke="#111" stroke-width="1.5"/>`,
      `<text class="cohort-n" x="${px + 28}" y="${y + 13}" font-size="14" fill="#222">${escapeXml(fitText(fillText(text.compare.cohortN, { cohort: cohort.name, n }), panelW - 28, 14))}</text>`,
    );
    y += 26;
  }
  y += 8;
  const first = cohorts[0]?.name ?? '';
  // Ellipses are drawn only for a focused stakeholder (with all of them they would bury the picture).
  for (const line of [text.compare.mark, text.compare.centroid, ...(focus ? [text.compare.ellipse] : []), fillText(text.compare.arrow, { from: first }), fillText(text.map.midline, { power: study.midline.power, interest: study.midline.interest })]) {
    for (const l of wrapText(line, panelW, 13)) {
      y += 19;
      legend.push(`<text x="${px}" y="${y}" font-size="13" fill="#333">${escapeXml(l)}</text>`);
    }
    y += 4;
  }
  y += 12;
  for (const l of wrapText(text.compare.sessionsNotIndividuals, panelW, 13.5, true)) {
    y += 20;
    legend.push(`<text class="sessions-note" x="${px}" y="${y}" font-size="13.5" font-weight="700" fill="#222">${escapeXml(l)}</text>`);
  }
  legend.push('</g>');
  parts.push(legend.join('\n'));

  const height = Math.max(frame.top + frame.size + margins.bottom + 16, y + 24);
  return svgDocument({
    width: WIDTH,
    height: Math.ceil(height),
    title: `${study.title} — ${subtitle}`,
    lang,
    fontCss: input.fontCss ?? '',
    body: parts.join('\n'),
  });
}

const LABEL_FONT = 11.5;
const LABEL_PAD = 4;

/**
 * One label per stakeholder, at its first cohort's centroid, placed where it covers no
 * other label and no labelled centroid (the other centroids are avoided when there is
 * room, and so are the zone titles), inside the plot; a label moved away from its centroid gets a leader line.
 */
function stakeholderLabels(anchors: ReadonlyArray<{ st: Stakeholder; x: number; y: number }>, others: ReadonlyArray<{ x: number; y: number }>, frame: GridFrame, centroidR: number, lang: Language, zoneTitles: ReadonlyArray<{ x: number; y: number; width: number; height: number }>): string[] {
  const h = Math.round(LABEL_FONT * 1.6);
  const words = anchors.map((a) => stakeholderLabel(a.st, lang).short);
  const chips: ChipToLay[] = anchors.map((a, i) => ({ id: String(i), x: a.x, y: a.y, labelWidth: Math.ceil(textWidth(words[i]!, LABEL_FONT, true) + 2 * LABEL_PAD), labelHeight: h }));
  const r = centroidR + 2;
  const laid = layoutChipLabels(chips, {
    markerRadius: r,
    bounds: { x: frame.left + 2, y: frame.top + 2, width: frame.size - 4, height: frame.size - 4 },
    gap: 2,
    softObstacles: [...zoneTitles, ...others.map((c) => ({ x: c.x - r, y: c.y - r, width: 2 * r, height: 2 * r }))],
  });
  return anchors.map((a, i) => {
    const b = laid[i]!.box;
    const end = { x: Math.max(b.x, Math.min(a.x, b.x + b.width)), y: Math.max(b.y, Math.min(a.y, b.y + b.height)) };
    const leader = laid[i]!.leader ? `<line class="label-leader" x1="${num(a.x)}" y1="${num(a.y)}" x2="${num(end.x)}" y2="${num(end.y)}" stroke="#6e7781" stroke-width="1"/>` : '';
    return (
      `<g class="stakeholder-label" data-box="${num(b.x)},${num(b.y)},${num(b.width)},${num(b.height)}">${leader}` +
      `<rect x="${num(b.x)}" y="${num(b.y)}" width="${num(b.width)}" height="${num(b.height)}" rx="3" fill="#ffffff" fill-opacity="0.92" stroke="#8c959f" stroke-width="0.8"/>` +
      `<text x="${num(b.x + LABEL_PAD)}" y="${num(b.y + b.height / 2 + LABEL_FONT * 0.36)}" font-size="${LABEL_FONT}" font-weight="700" fill="#111">${escapeXml(words[i]!)}</text></g>`
    );
  });
}
