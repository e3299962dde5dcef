import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// electron-builder cannot package here (no Electron download), so its configuration is
// checked the way electron-builder itself checks it before packaging: its JSON-schema
// validation, plus the settings this project depends on.
const root = join(import.meta.dirname, '..', '..', '..');
const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };
const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as { validateConfiguration(config: unknown, logger: unknown): Promise<void> };
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

type BuilderConfig = {
  appId: string;
  productName: string;
  asar: boolean;
  files: string[];
  publish: unknown;
  electronFuses: Record<string, boolean>;
  linux: { target: string[]; icon: string };
  win: { target: string[]; icon: string };
  mac: { target: string[]; icon: string };
  directories?: { buildResources?: string };
};
const config = yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig;

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own schema validation', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('the validation used here does catch a wrong option', async () => {
    await expect(validateConfiguration({ ...config, publsh: null }, new DebugLogger(false))).rejects.toThrow(/publsh/);
  });

  it('names the app and packs the built bundles, resources and package.json into an asar', () => {
    expect(config.appId).toMatch(/^[a-z0-9]+(\.[a-z0-9-]+)+$/);
    expect(config.productName).toBe(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).productName);
    expect(config.asar).toBe(true);
    expect(config.files).toEqual(expect.arrayContaining(['out/**', 'resources/**', 'package.json']));
    // The buildResources folder is never packed, so it must not be resources/.
    expect(config.directories?.buildResources ?? 'build').not.toBe('resources');
  });

  it('builds AppImage and deb, an NSIS installer and a dmg, and publishes nothing', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.publish).toBeNull();
  });

  it('flips the security fuses', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('points at an icon that exists and is large enough for every platform', () => {
    for (const icon of new Set([config.linux.icon, config.win.icon, config.mac.icon])) {
      const path = join(root, icon);
      expect(existsSync(path), icon).toBe(true);
      const png = readFileSync(path);
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      // IHDR width and height, big-endian at bytes 16 and 20: macOS wants 512 px or more.
      expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(512);
      expect(png.readUInt32BE(20)).toBe(png.readUInt32BE(16));
    }
  });
});
