/**
 * Where a roving-tabindex list (the tray, the bins, the table twin) moves focus for a
 * key: the index to focus, or null when the key is not a movement key. Lists of chips
 * wrap on screen, so left/right move as well as up/down there.
 */
export function rovingTarget(key: string, index: number, count: number, alsoLeftRight: boolean): number | null {
  if (key === 'ArrowDown' || (alsoLeftRight && key === 'ArrowRight')) return Math.min(count - 1, index + 1);
  if (key === 'ArrowUp' || (alsoLeftRight && key === 'ArrowLeft')) return Math.max(0, index - 1);
  if (key === 'Home') return 0;
  if (key === 'End') return count - 1;
  return null;
}
