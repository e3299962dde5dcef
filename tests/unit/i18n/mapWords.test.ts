import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXPORT_TEXTS } from '../../../electron/services/export/exportTexts';
import { LANGUAGES } from '../../../shared/model/stakeholder';
import { ZONE_IDS } from '../../../shared/model/zones';

/**
 * The words drawn on the map itself say the same on screen (renderer/src/i18n/locales) and
 * in the exported picture (electron/services/export/exportText*.ts): the same chip, zone or
 * axis end must not read one way in the editor and another in the SVG a facilitator hands
 * on. The screen side is read from the catalogues the UI loads (the keys the editor's
 * `useMapCanvasText`, the compare grid and the editor's bins use).
 */
const LOCALES = join(__dirname, '../../../renderer/src/i18n/locales');
type Tree = { [key: string]: string | Tree };
const read = (lang: string, ns: string): Tree => JSON.parse(readFileSync(join(LOCALES, lang, `${ns}.json`), 'utf8')) as Tree;
const at = (tree: Tree, path: string): string | Tree | undefined => path.split('.').reduce<string | Tree | undefined>((t, k) => (typeof t === 'object' ? t[k] : undefined), tree);

describe.each(LANGUAGES)('%s: the map on screen and in the export', (lang) => {
  const text = EXPORT_TEXTS[lang];
  const screen = { common: read(lang, 'common'), editor: read(lang, 'editor'), compare: read(lang, 'compare') };

  it('labels a minority chip the same (editor:minority, map.minorityChip)', () => {
    expect(text.map.minorityChip).toBe(at(screen.editor, 'minority'));
  });

  it('names the zones and their roles the same (common:zones, common:zoneRoles)', () => {
    for (const z of ZONE_IDS) {
      expect(text.zones[z], z).toBe(at(screen.common, `zones.${z}`));
      expect(text.zoneRoles[z], z).toBe(at(screen.common, `zoneRoles.${z}`));
    }
  });

  it('ends the axes with the same words, on the map and on the compare grid (editor:low/high, compare:grid.low/high)', () => {
    expect(text.map.low).toBe(at(screen.editor, 'low'));
    expect(text.map.high).toBe(at(screen.editor, 'high'));
    expect(text.map.low).toBe(at(screen.compare, 'grid.low'));
    expect(text.map.high).toBe(at(screen.compare, 'grid.high'));
  });

  it('heads the unknown and not-discussed lists as the editor heads its bins (common:status)', () => {
    expect(text.map.unknown).toBe(at(screen.common, 'status.unknown'));
    expect(text.map.notDiscussed).toBe(at(screen.common, 'status.not_discussed'));
  });
});
