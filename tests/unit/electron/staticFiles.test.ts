import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentTypeOf, lookupStaticFile } from '../../../electron/main/staticFiles';

let base: string;
let root: string;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'pimap-static-'));
  root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(root, 'assets', 'font.woff2'), 'x');
  writeFileSync(join(base, 'secret.txt'), 'not for the page');
  symlinkSync(join(base, 'secret.txt'), join(root, 'assets', 'link.txt'));
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('lookupStaticFile', () => {
  it('serves files inside the renderer folder with their content type', async () => {
    expect(await lookupStaticFile(root, '/assets/index-abc.js')).toEqual({ kind: 'file', filePath: expect.stringMatching(/index-abc\.js$/), contentType: 'text/javascript; charset=utf-8' });
    expect(await lookupStaticFile(root, '/')).toMatchObject({ kind: 'file', contentType: 'text/html; charset=utf-8' });
  });

  it('sends in-app routes (no extension) to index.html, but a missing asset is not found', async () => {
    expect(await lookupStaticFile(root, '/studies/abc')).toMatchObject({ kind: 'file', filePath: expect.stringMatching(/index\.html$/) });
    expect(await lookupStaticFile(root, '/assets/missing.js')).toEqual({ kind: 'not_found' });
  });

  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/assets/..%2F..%2Fsecret.txt',
    '/%2e%2e%5csecret.txt',
    '//etc/passwd/..',
    '/index.html%00.js',
    '/%E0%A4%A',
  ])('refuses %s', async (path) => {
    expect(await lookupStaticFile(root, path)).toEqual({ kind: 'forbidden' });
  });

  it('does not follow a symlink out of the renderer folder', async () => {
    expect(await lookupStaticFile(root, '/assets/link.txt')).toEqual({ kind: 'forbidden' });
  });
});

describe('contentTypeOf', () => {
  it('knows what a Vite build contains and falls back to bytes', () => {
    expect(contentTypeOf('a.css')).toBe('text/css; charset=utf-8');
    expect(contentTypeOf('a.WOFF2')).toBe('font/woff2');
    expect(contentTypeOf('a.svg')).toBe('image/svg+xml');
    expect(contentTypeOf('a.unknown')).toBe('application/octet-stream');
  });
});
