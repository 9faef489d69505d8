import fs from 'node:fs';
import type { Page } from '@playwright/test';
import type { AxeResults } from 'axe-core';

/** The rules the a11y spec holds every screen to. */
const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

// The minified build of the same axe-core AxeBuilder injects (its `source` is the 1.5 MB unminified one).
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null | undefined;
  /** The first few offending elements, as CSS selectors. */
  targets: string[];
}

/**
 * axe-core's WCAG 2.1 A/AA rules on the page as it is now; its violations.
 *
 * What AxeBuilder.analyze() does on every call, and this does once: it evaluates axe's source into the page (and
 * every frame), then opens a blank page in the same context, evaluates the source there too and calls finishRun in
 * it. Here axe is evaluated into the page once (until it navigates) and `axe.run` is called on it directly, with
 * the same rules; only violations are collected (`resultTypes`), so axe doesn't build a selector for every node that
 * passed. The console has no frames (checked here), so the main frame is the whole page, as AxeBuilder would see it.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const frames = page.frames().length;
  if (frames !== 1) throw new Error(`axeViolations checks one frame, the page has ${frames}: use AxeBuilder here`);
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResults> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
    }));
  }, WCAG_AA);
}
