import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layering rule is the architecture's spine (README "Architecture"): these cases
// lint virtual files at real paths with the project's own config, so a weakened rule fails here.
const root = join(__dirname, '..', '..');
const eslint = new ESLint({ cwd: root });

async function layeringErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layering lint rule', () => {
  it.each([
    ['shared/model/bad.ts', "import { useState } from 'react';\nexport const x = useState;\n"],
    ['shared/model/bad.ts', "import type { ReactNode } from 'react';\nexport type X = ReactNode;\n"],
    ['shared/model/bad.ts', "import Konva from 'konva';\nexport const x = Konva;\n"],
    ['shared/model/bad.ts', "import { create } from 'zustand';\nexport const x = create;\n"],
    ['shared/model/bad.ts', "import { app } from 'electron';\nexport const x = app;\n"],
    ['shared/model/bad.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n"],
    ['shared/model/bad.ts', "import { join } from 'path';\nexport const x = join;\n"],
    ['renderer/src/bad.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n"],
    ['renderer/src/bad.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n"],
    ['renderer/src/bad.ts', "import { findChromium } from '../../electron/services/chromiumPath';\nexport const x = findChromium;\n"],
    ['electron/services/bad.ts', "import { callHost } from '../../renderer/src/host/hostClient';\nexport const x = callHost;\n"],
  ])('%s may not import what this code does: %s', async (file, code) => {
    expect(await layeringErrors(file, code)).not.toEqual([]);
  });

  it('allows what each layer is meant to use', async () => {
    expect(await layeringErrors('shared/model/ok.ts', "import { z } from 'zod';\nexport const x = z;\n")).toEqual([]);
    expect(await layeringErrors('renderer/src/ok.ts', "import { zoneOf } from '../../shared/model/zones';\nexport const x = zoneOf;\n")).toEqual([]);
    expect(await layeringErrors('electron/services/ok.ts', "import { readFileSync } from 'node:fs';\nimport { zoneOf } from '../../shared/model/zones';\nexport const x = [readFileSync, zoneOf];\n")).toEqual([]);
  });
});
