import type { Browser } from 'playwright-core';
import type { Figure } from './report';
import type { PageServer } from './pages';

/** What every scenario gets from the runner. */
export interface BenchContext {
  quick: boolean;
  /** Measured runs per figure (≥ 5); the median is reported. */
  runs: number;
  browser: Browser;
  pages: PageServer;
  log(message: string): void;
}

export type Scenario = {
  id: string;
  title: string;
  run(ctx: BenchContext): Promise<Figure[]>;
};
