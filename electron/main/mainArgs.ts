/**
 * `--data <folder>` (or `--data=<folder>`) on the app's command line overrides where
 * studies are stored, as it does for `pimap` and `npm run web`
 * (`npm start -- --data <folder>`).
 */
export function dataDirFromArgv(argv: readonly string[]): string | null {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--data') {
      const next = argv[i + 1];
      return next && !next.startsWith('--') ? next : null;
    }
    if (arg.startsWith('--data=')) return arg.slice('--data='.length) || null;
  }
  return null;
}
