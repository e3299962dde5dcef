import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';

const AXE_PATH = join(import.meta.dirname, '..', '..', 'node_modules', 'axe-core', 'axe.min.js');

/** One rule axe-core found broken, with the elements that break it. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  /** CSS selectors of the offending elements, and a snippet of each. */
  nodes: { target: string; html: string }[];
}

/**
 * A browser context for accessibility scans. The app's content security policy forbids
 * injected scripts (rightly), so axe-core can only be added in a context that bypasses
 * it. Use it for scans only; other tests should run under the real policy.
 */
export async function newAxeContext(browser: Browser, viewport = { width: 1366, height: 768 }): Promise<BrowserContext> {
  return browser.newContext({ bypassCSP: true, viewport });
}

/**
 * Run axe-core on the page as it is now (all rules, WCAG and best practice) and return
 * the violations. `exclude` takes selectors of regions another test scans.
 */
export async function axeViolations(page: Page, opts: { exclude?: string[] } = {}): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => typeof (globalThis as { axe?: unknown }).axe !== 'undefined');
  if (!loaded) await page.addScriptTag({ path: AXE_PATH });
  return page.evaluate(async (exclude) => {
    type Node = { target: unknown[]; html: string };
    type Result = { violations: { id: string; impact: string | null; help: string; nodes: Node[] }[] };
    const axe = (globalThis as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<Result> } }).axe;
    const context = exclude.length ? { exclude: exclude.map((s) => [s]) } : (globalThis as unknown as { document: unknown }).document;
    const result = await axe.run(context, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.map(String).join(' '), html: n.html.slice(0, 160) })),
    }));
  }, opts.exclude ?? []);
}

/** Violations as readable lines, for a failing assertion's message. */
export function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map((v) => `${v.id} (${v.impact ?? 'n/a'}): ${v.help}\n${v.nodes.map((n) => `    at ${n.target}: ${n.html}`).join('\n')}`)
    .join('\n');
}
