import { ZONE_COLOURS } from '../model/palette';
import { axisWordingRows, chipFontStyle, MAP_INK, nearestOnBox, type MapScene, type MapSceneText, type SceneChip } from '../scene/mapScene';
import { interestToX, powerToY } from '../scene/frame';
import { mapTextWidth } from '../scene/textMeasure';
import { clustersOf, escapeXml, num } from './svgText';

/**
 * The map scene's SVG back-end: the same primitives the editor's Konva canvas draws
 * (MapCanvas.tsx), written as SVG in the scene's own pixels, so the exported map and the
 * screen put every chip, label and zone title at the same coordinates. Rows of text are
 * centred on their box's middle with `dominant-baseline="central"`, which is where a
 * canvas puts text drawn with Konva's middle alignment (the em box's centre).
 */

/** Text cut to `room` in the map's measure, ending with an ellipsis (Konva's `ellipsis` on screen). */
function cut(text: string, room: number, size: number, weight: string): string {
  if (mapTextWidth(text, size, weight) <= room) return text;
  const chars = clustersOf(text);
  while (chars.length > 1 && mapTextWidth(chars.join('') + '…', size, weight) > room) chars.pop();
  return chars.join('').trimEnd() + '…';
}

function fontAttrs(size: number, style: string): string {
  const weight = /\b(\d00)\b/.exec(style)?.[1] ?? '400';
  return `font-size="${num(size)}" font-weight="${weight}"${style.includes('italic') ? ' font-style="italic"' : ''}`;
}

/** A row of text whose box starts at (x, top) and is `height` high, left-aligned unless told. */
function row(cls: string, x: number, top: number, height: number, size: number, style: string, fill: string, body: string, anchor: 'start' | 'middle' | 'end' = 'start'): string {
  return (
    `<text class="${cls}" x="${num(x)}" y="${num(top + height / 2)}" dominant-baseline="central"${anchor === 'start' ? '' : ` text-anchor="${anchor}"`} ` +
    `${fontAttrs(size, style)} fill="${fill}" data-top="${num(top)}">${escapeXml(body)}</text>`
  );
}

function chipSvg(chip: SceneChip, scene: MapScene): string {
  const { r, s, chipFont, padX } = scene.look;
  const alt = chip.part === 'alt';
  const b = chip.box;
  const parts: string[] = [];
  if (chip.leader) {
    const end = nearestOnBox(b, chip.x, chip.y);
    parts.push(`<line x1="${num(chip.x)}" y1="${num(chip.y)}" x2="${num(end.x)}" y2="${num(end.y)}" stroke="${MAP_INK.muted}" stroke-width="${num(1.25 * s)}"${alt ? ` stroke-dasharray="${num(4 * s)} ${num(3 * s)}"` : ''}/>`);
  }
  parts.push(
    `<circle class="marker" cx="${num(chip.x)}" cy="${num(chip.y)}" r="${num(r)}" fill="${alt ? '#ffffff' : MAP_INK.ink}" stroke="${alt ? MAP_INK.ink : '#ffffff'}" stroke-width="${num(2 * s)}"${alt ? ` stroke-dasharray="${num(3 * s)} ${num(2.5 * s)}"` : ''}/>`,
  );
  if (chip.contested && !alt) parts.push(`<circle cx="${num(chip.x)}" cy="${num(chip.y)}" r="${num(r * 0.38)}" fill="#ffffff"/>`);
  parts.push(
    `<rect class="label-box" x="${num(b.x)}" y="${num(b.y)}" width="${num(b.width)}" height="${num(b.height)}" rx="${num(4 * s)}" fill="#ffffff" fill-opacity="0.96" stroke="${alt ? MAP_INK.ink : MAP_INK.border}" stroke-width="${num(s)}"${alt ? ` stroke-dasharray="${num(4 * s)} ${num(3 * s)}"` : ''}/>`,
    row('label', b.x + padX, b.y, b.height, chipFont, chipFontStyle(chip.part), MAP_INK.ink, chip.label),
  );
  return `<g class="${alt ? 'chip chip-alt' : 'chip'}" data-stakeholder="${escapeXml(chip.id)}" data-key="${escapeXml(chip.key)}">${parts.join('')}</g>`;
}

/**
 * The whole map — zones, grid lines, midlines, zone titles, ticks, axis wording, the
 * contested links and the chips — in the scene's pixels (0,0 is the scene's top-left
 * corner; the caller translates it into place).
 */
export function mapSceneSvg(scene: MapScene, midline: { power: number; interest: number }, text: Pick<MapSceneText, 'low' | 'high'>): string {
  const f = scene.frame;
  const { s, font } = scene;
  const parts: string[] = [];
  for (const z of scene.zones) parts.push(`<rect class="zone zone-${z.id}" x="${num(z.rect.x)}" y="${num(z.rect.y)}" width="${num(z.rect.width)}" height="${num(z.rect.height)}" fill="${ZONE_COLOURS[z.id].fill}"/>`);
  for (let i = 1; i < 10; i++) {
    const x = interestToX(i, f);
    const y = powerToY(i, f);
    parts.push(
      `<line x1="${num(x)}" y1="${num(f.top)}" x2="${num(x)}" y2="${num(f.top + f.height)}" stroke="#000000" stroke-opacity="0.07"/>`,
      `<line x1="${num(f.left)}" y1="${num(y)}" x2="${num(f.left + f.width)}" y2="${num(y)}" stroke="#000000" stroke-opacity="0.07"/>`,
    );
  }
  const w = 3 * s;
  for (const z of scene.zones)
    parts.push(
      `<rect class="zone-edge" x="${num(z.rect.x + w / 2 + 1)}" y="${num(z.rect.y + w / 2 + 1)}" width="${num(Math.max(0, z.rect.width - w - 2))}" height="${num(Math.max(0, z.rect.height - w - 2))}" rx="${num(3 * s)}" fill="none" stroke="${ZONE_COLOURS[z.id].stroke}" stroke-width="${num(w)}"/>`,
    );
  const mx = interestToX(midline.interest, f);
  const my = powerToY(midline.power, f);
  parts.push(
    `<line class="midline" x1="${num(mx)}" y1="${num(f.top - 4 * s)}" x2="${num(mx)}" y2="${num(f.top + f.height + 4 * s)}" stroke="${MAP_INK.ink}" stroke-opacity="0.75" stroke-width="${num(2 * s)}"/>`,
    `<line class="midline" x1="${num(f.left - 4 * s)}" y1="${num(my)}" x2="${num(f.left + f.width + 4 * s)}" y2="${num(my)}" stroke="${MAP_INK.ink}" stroke-opacity="0.75" stroke-width="${num(2 * s)}"/>`,
    `<rect class="plot" x="${num(f.left)}" y="${num(f.top)}" width="${num(f.width)}" height="${num(f.height)}" fill="none" stroke="${MAP_INK.border}"/>`,
  );
  for (const z of scene.zones) {
    const c = ZONE_COLOURS[z.id];
    parts.push(
      `<g class="zone-title" data-zone="${z.id}">`,
      `<rect x="${num(z.swatch.x)}" y="${num(z.swatch.y)}" width="${num(z.swatch.width)}" height="${num(z.swatch.height)}" rx="${num(2 * s)}" fill="${c.fill}" stroke="${c.stroke}" stroke-width="${num(2 * s)}"/>`,
      ...z.runs.map((run) => row(run.weight === '700' ? 'zone-label' : 'zone-role', run.x, run.y, scene.zoneRowH, scene.zoneFont, run.weight, c.text, run.text)),
      `</g>`,
    );
  }
  for (let i = 0; i <= 10; i++) {
    parts.push(
      row('tick', interestToX(i, f), f.top + f.height + 5 * s, font.tick, font.tick, '400', MAP_INK.muted, String(i), 'middle'),
      row('tick', f.left - 6 * s, powerToY(i, f) - font.tick / 2, font.tick, font.tick, '400', MAP_INK.muted, String(i), 'end'),
    );
  }
  for (const axis of ['interest', 'power'] as const) {
    const { at, rotation, rows, arrows } = axisWordingRows(scene, axis, text, mapTextWidth);
    parts.push(`<g class="axis-label axis-${axis}" transform="translate(${num(at.x)} ${num(at.y)})${rotation ? ` rotate(${rotation})` : ''}">`);
    for (const r of rows) {
      const body = r.ellipsis ? cut(r.text, r.width, r.size, r.weight) : r.text;
      const x = r.align === 'left' ? r.x : r.align === 'center' ? r.x + r.width / 2 : r.x + r.width;
      parts.push(row('axis-text', x, r.y, r.size, r.size, r.weight, MAP_INK.ink, body, r.align === 'left' ? 'start' : r.align === 'center' ? 'middle' : 'end'));
    }
    for (const a of arrows) {
      // Konva's Arrow: a line to the tip, and a filled triangle pointerLength long, pointerWidth wide.
      const dir = Math.sign(a.x2 - a.x1);
      const base = a.x2 - dir * a.head;
      const half = (a.head * 1.4) / 2;
      parts.push(
        `<line x1="${num(a.x1)}" y1="${num(a.y)}" x2="${num(base)}" y2="${num(a.y)}" stroke="${MAP_INK.ink}" stroke-width="${num(a.stroke)}"/>`,
        `<path d="M${num(a.x2)} ${num(a.y)}L${num(base)} ${num(a.y - half)}L${num(base)} ${num(a.y + half)}Z" fill="${MAP_INK.ink}" stroke="${MAP_INK.ink}" stroke-width="${num(a.stroke)}" stroke-linejoin="miter"/>`,
      );
    }
    parts.push('</g>');
  }
  parts.push(
    `<g class="contested-links">`,
    ...scene.links.map((l) => `<line class="contested-link" x1="${num(l.from.x)}" y1="${num(l.from.y)}" x2="${num(l.to.x)}" y2="${num(l.to.y)}" stroke="${MAP_INK.ink}" stroke-opacity="0.7" stroke-width="${num(1.5 * s)}" stroke-dasharray="${num(6 * s)} ${num(4 * s)}"/>`),
    `</g>`,
    `<g class="chips">`,
    ...scene.chips.map((c) => chipSvg(c, scene)),
    `</g>`,
  );
  return parts.join('\n');
}
