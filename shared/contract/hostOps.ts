/**
 * The names of the host operations, as a plain list with no dependencies.
 *
 * NOTE: the sandboxed Electron preload imports this file and nothing else from the
 * contract, so zod and the schemas stay out of the preload bundle. hostContract.ts
 * checks at compile time that this list and the contract's keys are the same set;
 * add an operation in both places.
 */
export const HOST_OP_NAMES = [
  'appInfo',
  'getLibrary',
  'listStudies',
  'createStudy',
  'saveStudy',
  'openStudy',
  'studyChanges',
  'resolveSyncCopy',
  'backupStudy',
  'restoreBackup',
  'newRecoveryKey',
  'encryptStudy',
  'unlockStudy',
  'lockStudy',
  'changePassphrase',
  'forgetStudy',
  'deleteStudy',
  'listTrash',
  'restoreFromTrash',
  'saveSession',
  'deleteSession',
  'listSessionVersions',
  'restoreSessionVersion',
  'getPrefs',
  'setPrefs',
  'exportSession',
  'exportStudy',
  'saveExport',
  'previewMerge',
  'applyMerge',
  'previewCsvImport',
  'commitCsvImport',
] as const;

export type HostOpName = (typeof HOST_OP_NAMES)[number];

/** Electron IPC channel of an operation is this prefix plus its name (`pimap:listStudies`). */
export const HOST_IPC_PREFIX = 'pimap:';
