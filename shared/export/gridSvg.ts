import { ZONE_COLOURS } from '../model/palette';
import type { Position } from '../model/position';
import type { Study } from '../model/study';
import { ZONE_IDS, type ZoneId } from '../model/zones';
import type { ExportText } from './exportText';
import { escapeXml, fitText, num, textWidth, wrapText } from './svgText';

/** Where the square grid sits in the picture, in pixels. */
export interface GridFrame {
  left: number;
  top: number;
  size: number;
}

/** Domain units to pixels: interest runs left to right, power bottom to top. */
export function toPx(frame: GridFrame, p: Position): { x: number; y: number } {
  return { x: frame.left + (p.interest / 10) * frame.size, y: frame.top + (1 - p.power / 10) * frame.size };
}

function zoneRect(frame: GridFrame, zone: ZoneId, midline: Study['midline']) {
  const mx = toPx(frame, { power: midline.power, interest: midline.interest });
  const highPower = zone.startsWith('hp');
  const highInterest = zone.endsWith('_hi');
  const x0 = highInterest ? mx.x : frame.left;
  const x1 = highInterest ? frame.left + frame.size : mx.x;
  const y0 = highPower ? frame.top : mx.y;
  const y1 = highPower ? mx.y : frame.top + frame.size;
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0, highPower, highInterest };
}

/** Where each zone's name and role are written, and the box they cover (chips keep clear of it). */
export function zoneLabels(frame: GridFrame, study: Pick<Study, 'midline'>, text: ExportText, compact = false) {
  const labelSize = compact ? 11 : 13;
  const roleSize = compact ? 10 : 11.5;
  return ZONE_IDS.map((zone) => {
    const r = zoneRect(frame, zone, study.midline);
    // Zone labels sit in the outer corner of each zone, away from the midline crossing.
    const pad = 8;
    const anchor = r.highInterest ? 'end' : 'start';
    const tx = r.highInterest ? r.x + r.width - pad : r.x + pad;
    const maxW = Math.max(40, r.width - 2 * pad);
    const name = fitText(text.zones[zone], maxW, labelSize, true);
    const role = fitText(text.zoneRoles[zone], maxW, roleSize);
    const ty = r.highPower ? r.y + pad + labelSize : r.y + r.height - pad - roleSize - 4;
    const w = Math.max(textWidth(name, labelSize, true), textWidth(role, roleSize));
    const box = {
      left: anchor === 'end' ? tx - w : tx,
      right: anchor === 'end' ? tx : tx + w,
      top: ty - labelSize,
      bottom: ty + roleSize + 6,
    };
    return { zone, rect: r, tx, ty, anchor, name, role, labelSize, roleSize, box };
  });
}

/**
 * The grid every picture shares: four tinted zones with a border and a text label (so
 * colour is never the only cue), the midline, ticks 0–10, and the study's axis wording.
 */
export function gridSvg(frame: GridFrame, study: Pick<Study, 'axes' | 'midline'>, text: ExportText, opts: { compact?: boolean } = {}): string {
  const parts: string[] = [];
  for (const l of zoneLabels(frame, study, text, opts.compact)) {
    const r = l.rect;
    const c = ZONE_COLOURS[l.zone];
    parts.push(
      `<rect class="zone zone-${l.zone}" x="${num(r.x)}" y="${num(r.y)}" width="${num(r.width)}" height="${num(r.height)}" fill="${c.fill}" stroke="${c.stroke}" stroke-width="2"/>`,
      `<text class="zone-label" x="${num(l.tx)}" y="${num(l.ty)}" text-anchor="${l.anchor}" font-size="${l.labelSize}" font-weight="700" fill="${c.text}">${escapeXml(l.name)}</text>`,
      `<text class="zone-role" x="${num(l.tx)}" y="${num(l.ty + l.roleSize + 4)}" text-anchor="${l.anchor}" font-size="${l.roleSize}" fill="${c.text}">${escapeXml(l.role)}</text>`,
    );
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
