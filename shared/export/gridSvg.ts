import { ZONE_COLOURS } from '../model/palette';
import type { Position } from '../model/position';
import type { Study } from '../model/study';
import { ZONE_IDS } from '../model/zones';
import { squareFrame, toPixels, zoneRects, type PlotFrame } from '../scene/frame';
import { placeZoneTitlesInside } from '../scene/zoneLabels';
import type { ExportText } from './exportText';
import { escapeXml, fitText, num, textWidth, wrapText } from './svgText';

/** Where the square grid sits in the picture, in pixels. */
export interface GridFrame {
  left: number;
  top: number;
  size: number;
}

/** The scene layer's frame of a square grid. */
export function frameOf(frame: GridFrame): PlotFrame {
  return squareFrame(frame.left, frame.top, frame.size);
}

/** Domain units to pixels: interest runs left to right, power bottom to top (shared/scene/frame). */
export function toPx(frame: GridFrame, p: Position): { x: number; y: number } {
  return toPixels(p, frameOf(frame));
}

/** The exports' text measure: the estimate of svgText, bold for the 700 weight. */
const measure = (text: string, size: number, weight: '700' | '600') => textWidth(text, size, weight === '700');
const shorten = (text: string, room: number, size: number, weight: '700' | '600') => fitText(text, Math.max(40, room), size, weight === '700');

/**
 * Where each zone's name and role are written inside the plot — the placement the compare
 * grid uses on screen (shared/scene/zoneLabels `placeZoneTitlesInside`) — and the box
 * they cover (chips keep clear of it).
 */
export function zoneLabels(frame: GridFrame, study: Pick<Study, 'midline'>, text: ExportText, compact = false) {
  const placed = placeZoneTitlesInside(frameOf(frame), study.midline, text.zones, text.zoneRoles, {
    titleSize: compact ? 11 : 13,
    roleSize: compact ? 10 : 11.5,
    inset: 8,
    measure,
    shorten,
  });
  return placed.map((z) => {
    const boxes = z.role ? [z.title, z.role] : [z.title];
    const left = Math.min(...boxes.map((b) => b.x));
    const right = Math.max(...boxes.map((b) => b.x + b.width));
    const top = z.title.y;
    const bottom = (z.role ?? z.title).y + (z.role ?? z.title).height;
    return { ...z, zone: z.id, box: { left, right, top, bottom } };
  });
}

/** SVG text whose row box (as the scene layer places it) starts at `box.y`: the baseline sits a little below the row's middle. */
function rowText(cls: string, box: { x: number; y: number; height: number }, size: number, weight: string, fill: string, body: string): string {
  return `<text class="${cls}" x="${num(box.x)}" y="${num(box.y + box.height / 2 + size * 0.35)}" font-size="${num(size)}" font-weight="${weight}" fill="${fill}" data-box="${num(box.x)},${num(box.y)}">${escapeXml(body)}</text>`;
}

/**
 * The grid every picture shares: four tinted zones with a border and a text label (so
 * colour is never the only cue), the midline, ticks 0–10, and the study's axis wording.
 */
export function gridSvg(frame: GridFrame, study: Pick<Study, 'axes' | 'midline'>, text: ExportText, opts: { compact?: boolean } = {}): string {
  const parts: string[] = [];
  const rects = zoneRects(frameOf(frame), study.midline);
  for (const zone of ZONE_IDS) {
    const r = rects[zone];
    const c = ZONE_COLOURS[zone];
    parts.push(`<rect class="zone zone-${zone}" x="${num(r.x)}" y="${num(r.y)}" width="${num(r.width)}" height="${num(r.height)}" fill="${c.fill}" stroke="${c.stroke}" stroke-width="2"/>`);
  }
  for (const l of zoneLabels(frame, study, text, opts.compact)) {
    const c = ZONE_COLOURS[l.zone];
    parts.push(rowText('zone-label', l.title, l.font.zoneTitle, '700', c.text, l.text.title));
    if (l.role) parts.push(rowText('zone-role', l.role, l.font.zoneRole, '400', c.text, l.text.role));
  }
  const m = toPx(frame, study.midline);
  const right = frame.left + frame.size;
  const bottom = frame.top + frame.size;
  parts.push(
    `<line class="midline" x1="${num(m.x)}" y1="${num(frame.top)}" x2="${num(m.x)}" y2="${num(bottom)}" stroke="#333" stroke-width="1.5" stroke-dasharray="6 4"/>`,
    `<line class="midline" x1="${num(frame.left)}" y1="${num(m.y)}" x2="${num(right)}" y2="${num(m.y)}" stroke="#333" stroke-width="1.5" stroke-dasharray="6 4"/>`,
    `<rect x="${num(frame.left)}" y="${num(frame.top)}" width="${num(frame.size)}" height="${num(frame.size)}" fill="none" stroke="#222" stroke-width="1.5"/>`,
  );
  const tick = opts.compact ? 9 : 10.5;
  for (let v = 0; v <= 10; v += opts.compact ? 5 : 1) {
    const x = frame.left + (v / 10) * frame.size;
    const y = frame.top + (1 - v / 10) * frame.size;
    parts.push(
      `<line x1="${num(x)}" y1="${num(bottom)}" x2="${num(x)}" y2="${num(bottom + 4)}" stroke="#222"/>`,
      `<text x="${num(x)}" y="${num(bottom + 6 + tick)}" text-anchor="middle" font-size="${tick}" fill="#444">${v}</text>`,
      `<line x1="${num(frame.left - 4)}" y1="${num(y)}" x2="${num(frame.left)}" y2="${num(y)}" stroke="#222"/>`,
      `<text x="${num(frame.left - 7)}" y="${num(y + tick / 3)}" text-anchor="end" font-size="${tick}" fill="#444">${v}</text>`,
    );
  }
  // Axis wording: the study's own words, wrapped to the grid's length.
  const axisSize = opts.compact ? 11 : 13;
  const xLines = wrapText(study.axes.interest, frame.size, axisSize, true).slice(0, 2);
  xLines.forEach((line, i) => {
    parts.push(
      `<text class="axis-label axis-interest" x="${num(frame.left + frame.size / 2)}" y="${num(bottom + 2 * tick + 10 + i * (axisSize + 3) + axisSize)}" text-anchor="middle" font-size="${axisSize}" font-weight="700" fill="#222">${escapeXml(line)}</text>`,
    );
  });
  const yLines = wrapText(study.axes.power, frame.size, axisSize, true).slice(0, 2);
  const yx = frame.left - 2 * tick - 14 - (yLines.length - 1) * (axisSize + 3);
  yLines.forEach((line, i) => {
    const x = yx + i * (axisSize + 3);
    const y = frame.top + frame.size / 2;
    parts.push(
      `<text class="axis-label axis-power" x="${num(x)}" y="${num(y)}" transform="rotate(-90 ${num(x)} ${num(y)})" text-anchor="middle" font-size="${axisSize}" font-weight="700" fill="#222">${escapeXml(line)}</text>`,
    );
  });
  // Low/high at the ends of the axes for readers who skip the numbers.
  parts.push(
    `<text x="${num(frame.left)}" y="${num(bottom + 2 * tick + 8)}" font-size="${tick}" fill="#555">${escapeXml(text.map.low)}</text>`,
    `<text x="${num(right)}" y="${num(bottom + 2 * tick + 8)}" text-anchor="end" font-size="${tick}" fill="#555">${escapeXml(text.map.high)}</text>`,
  );
  return parts.join('\n');
}

/** The space to the left of and below the grid that `gridSvg` writes into. */
export function gridMargins(compact = false): { left: number; bottom: number } {
  return compact ? { left: 64, bottom: 60 } : { left: 86, bottom: 78 };
}
