import type { Browser } from 'playwright-core';
import type { Figure } from './report';
import type { PageServer } from './pages';

/** What every scenario gets from the runner. */
export interface BenchContext {
  quick: boolean;
  /** Measured runs per figure (≥ 5); the median is reported. */
  runs: number;
  /** Unreported runs before the measured ones (JIT, caches): 1 in full runs, 0 in quick ones. */
  warmups: number;
  /** Chip counts for the drag scenario instead of the default (`--drag-sizes`). */
  dragSizes?: number[];
  browser: Browser;
  /**
   * Close Chromium and start a new one (ctx.browser changes). For a page whose main
   * thread is stuck for minutes: it cannot even be closed until it returns.
   */
  restartBrowser(): Promise<void>;
  pages: PageServer;
  log(message: string): void;
}

export type Scenario = {
  id: string;
  title: string;
  run(ctx: BenchContext): Promise<Figure[]>;
};
