import { describe, expect, it } from 'vitest';
import { isSyncTemporary, parseConflictCopy } from '../../../shared/sync/conflictCopies';

/** The names folder-sync tools give a file changed on two devices, and their temporary files. */
describe('parseConflictCopy', () => {
  it.each([
    // Syncthing: <stem>.sync-conflict-<date>-<time>-<first 7 of the device id><ext>
    ['study.sync-conflict-20261202-101530-ABCDEF7.json', { original: 'study.json', device: 'ABCDEF7', tool: 'syncthing' }],
    ['s1.sync-conflict-20261202-101530-Q2W3E4R.json', { original: 's1.json', device: 'Q2W3E4R', tool: 'syncthing' }],
    ['s1.sync-conflict-20261202-101530-abcdef7.json', { original: 's1.json', device: 'ABCDEF7', tool: 'syncthing' }],
    ['notes.sync-conflict-20261202-101530-ABCDEF7', { original: 'notes', device: 'ABCDEF7', tool: 'syncthing' }],
    // Dropbox, with and without the user's name, with a straight or typographic apostrophe
    ["study (Asha's conflicted copy 2026-12-02).json", { original: 'study.json', device: 'Asha', tool: 'dropbox' }],
    ['study (Asha\u2019s conflicted copy 2026-12-02).json', { original: 'study.json', device: 'Asha', tool: 'dropbox' }],
    ["s1 (O'Brien's conflicted copy 2026-12-02).json", { original: 's1.json', device: "O'Brien", tool: 'dropbox' }],
    ['study (conflicted copy 2026-12-02).json', { original: 'study.json', device: null, tool: 'dropbox' }],
    ['s1 (conflicted copy).json', { original: 's1.json', device: null, tool: 'dropbox' }],
    // Nextcloud / ownCloud
    ['study (conflicted copy 2026-12-02 101530).json', { original: 'study.json', device: null, tool: 'dropbox' }],
    // Numbered copies (Unison, file managers, a USB stick copied both ways)
    ['study~1.json', { original: 'study.json', device: null, tool: 'numbered' }],
    ['s1~12.json', { original: 's1.json', device: null, tool: 'numbered' }],
    ['study.json~2', { original: 'study.json', device: null, tool: 'numbered' }],
    ['s1.json~1', { original: 's1.json', device: null, tool: 'numbered' }],
  ])('%s is a conflict copy', (name, expected) => {
    expect(parseConflictCopy(name)).toEqual(expected);
  });

  it.each([
    's1.json',
    'study.json',
    'S1.JSON',
    'a~b.json',
    'a~.json',
    's1 (1).json',
    'study (copy).json',
    'study.sync-conflict-2026-101530-ABCDEF7.json',
    'study.sync-conflict-20261202-101530-ABCDEF.json',
    'study.json.bak',
    '.syncthing.s2.json.tmp',
    '~syncthing~s2.json.tmp',
    'study.json.123-0123456789ab.tmp',
  ])('%s is not a conflict copy', (name) => {
    expect(parseConflictCopy(name)).toBeNull();
  });
});

describe('isSyncTemporary', () => {
  it.each([
    '.syncthing.s2.json.tmp',
    '~syncthing~s2.json.tmp',
    '.syncthing.study.json.tmp',
    '.~lock.s1.json.tmp',
    's2.json.part',
    's2.json.partial',
    's2.json.crdownload',
    's2.json.download',
    '.dropbox',
    '.dropbox.cache',
    '.stfolder',
    '.stignore',
    '.stversions',
  ])('%s is a sync temporary file', (name) => {
    expect(isSyncTemporary(name)).toBe(true);
  });

  it.each(['s2.json', 'study.json', 'study.sync-conflict-20261202-101530-ABCDEF7.json', 'syncthing.json', 's2.json.tmp.json', 'partial.json'])('%s is not', (name) => {
    expect(isSyncTemporary(name)).toBe(false);
  });
});
