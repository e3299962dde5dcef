import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The lint rule that keeps words out of the components (eslint-plugin-i18next, configured
// in eslint.config.js): virtual files at a real renderer path, linted with the project's
// own config, so a weakened rule fails here.
const root = join(__dirname, '..', '..', '..');
const eslint = new ESLint({ cwd: root });

async function literalErrors(code: string): Promise<number> {
  const [result] = await eslint.lintText(code, { filePath: join(root, 'renderer/src/app/Probe.tsx') });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'i18next/no-literal-string').length;
}
const component = (jsx: string) => `export function Probe({ on }: { on: boolean }) {\n  return (\n    ${jsx}\n  );\n}\n`;

describe('literal UI strings in components', () => {
  it.each([
    ['JSX text', '<p>Save the map</p>'],
    ['an aria-label', '<button type="button" aria-label="Close the dialog" />'],
    ['a title', '<span title="Signed off by the group" />'],
    ['a placeholder', '<input placeholder="Type a name" />'],
    ['a string in an expression', "<p>{on ? 'Locked' : 'Open'}</p>"],
    ['Konva text', '<Text text="High power" />'],
  ])('fail the lint: %s', async (_what, jsx) => {
    expect(await literalErrors(component(jsx))).toBeGreaterThan(0);
  });

  it('let through what is not words: classes, roles, ids, data-*, CSS, keys, punctuation and numbers', async () => {
    const ok = component(
      `<div className="map-canvas" role="region" id="main" data-zone="hp_hi" style={{ fontWeight: 600 }} aria-live="polite" aria-hidden="true">
      {['unknown', 'not_discussed'].map((k) => <span key={k} lang="bn">{t(\`status.\${k}\`)}</span>)}
      {'·'} — 12 … ×
      <Text fontStyle="700" align="center" verticalAlign="middle" wrap="none" />
    </div>`,
    ).replace('export function', "const t = (k: string) => k;\nconst Text = (_: object) => null;\nexport function");
    expect(await literalErrors(ok)).toBe(0);
  });
});
