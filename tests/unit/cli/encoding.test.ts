import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FIXTURES, runPimap } from './runCli';

/**
 * `pimap import` and `pimap analyze <file.csv>` read a CSV with the app's one strict
 * UTF-8 check: a Windows-1252 or UTF-16 file is refused with a message naming the
 * encoding, and nothing is created in the data folder (no study, no trash entry).
 */
let dir: string;
let data: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pimap-enc-'));
  data = join(dir, 'data');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const good = () => readFileSync(join(FIXTURES, 'good.csv'), 'utf8').replace('They know the agents', 'Café owners know the agents');

function asWindows1252(text: string): Uint8Array {
  return Uint8Array.from([...text].map((c) => (c === '’' ? 0x92 : c.charCodeAt(0))));
}
function asUtf16le(text: string): Uint8Array {
  const out = Buffer.alloc(2 + text.length * 2);
  out.writeUInt16LE(0xfeff, 0);
  out.write(text, 2, 'utf16le');
  return out;
}

describe('pimap import of a CSV that is not UTF-8', () => {
  it('refuses Windows-1252, names the encoding and the first bad byte, and creates nothing', async () => {
    const file = join(dir, 'ansi.csv');
    writeFileSync(file, asWindows1252(good()));
    const r = await runPimap('import', file, '--data', data);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain(`${file}: This file is not UTF-8 text: line 2, byte 63 is 0xE9, which is “é” in Windows-1252.`);
    expect(r.stderr).toContain('It was probably saved as Windows-1252 or Latin-1');
    expect(r.stderr).toContain('Nothing was imported.');
    expect(r.stdout).toBe('');
    expect(existsSync(data) ? readdirSync(data) : []).toEqual([]);
  });

  it('refuses UTF-16 with "save it as UTF-8", and creates nothing', async () => {
    const file = join(dir, 'unicode.csv');
    writeFileSync(file, asUtf16le(good()));
    const r = await runPimap('import', file, '--data', data);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('This file is UTF-16 text (little-endian), not UTF-8. Save it as UTF-8');
    expect(r.stderr).not.toMatch(/column/i);
    expect(existsSync(data) ? readdirSync(data) : []).toEqual([]);
  });

  it('still imports the same text saved as UTF-8 with a byte-order mark', async () => {
    const file = join(dir, 'utf8.csv');
    writeFileSync(file, `\uFEFF${good()}`);
    const r = await runPimap('import', file, '--data', data);
    expect(r.exitCode, r.stderr).toBe(0);
    const [folder] = readdirSync(data).filter((n) => !n.startsWith('.'));
    const sessions = readdirSync(join(data, folder!, 'sessions')).map((n) => readFileSync(join(data, folder!, 'sessions', n), 'utf8'));
    expect(sessions.some((s) => s.includes('Café owners know the agents'))).toBe(true);
  });
});

describe('pimap analyze of a CSV that is not UTF-8', () => {
  it('refuses it with the same message instead of analysing names with U+FFFD', async () => {
    const file = join(dir, 'ansi.csv');
    writeFileSync(file, asWindows1252(good()));
    const r = await runPimap('analyze', file);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('This file is not UTF-8 text: line 2, byte 63 is 0xE9');
    expect(r.stdout).toBe('');
  });
});
