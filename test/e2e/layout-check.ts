import type { Page } from '@playwright/test';

export interface LayoutProblem {
  element: string;
  problem: string;
}

/** The window's minimum size, and a common large one: every view is looked at in both. */
export const MIN_SIZE = { width: 960, height: 640 } as const;
export const LARGE_SIZE = { width: 1440, height: 900 } as const;
export const ALL_SIZES = [MIN_SIZE, { width: 1024, height: 700 }, LARGE_SIZE, { width: 1920, height: 1080 }] as const;

/**
 * Every interactive element the user can see must be reachable (inside the viewport, or inside a scroll
 * container that can scroll it into view, and not cut off by an ancestor that hides overflow), and no button,
 * badge or option may have its text clipped.
 */
export function layoutProblems(page: Page): Promise<LayoutProblem[]> {
  return page.evaluate(() => {
    const problems: { element: string; problem: string }[] = [];
    const describe = (el: Element) => {
      const text = (el.getAttribute('aria-label') ?? (el as HTMLElement).innerText ?? '').trim().slice(0, 40);
      return `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''} "${text}"`;
    };
    const visible = (el: Element) => {
      const style = getComputedStyle(el);
      const rect = el.getBoundingClientRect();
      return style.visibility !== 'hidden' && style.display !== 'none' && rect.width > 0 && rect.height > 0;
    };
    const scrolls = (el: Element) => {
      const style = getComputedStyle(el);
      return /(auto|scroll)/.test(style.overflowX + style.overflowY);
    };
    const hides = (el: Element) => {
      const style = getComputedStyle(el);
      return /(hidden|clip)/.test(style.overflowX + style.overflowY);
    };
    const interactive = document.querySelectorAll(
      'button, a[href], input:not([type=hidden]), select, textarea, [role=button], [role=radio], [tabindex]:not([tabindex="-1"])',
    );
    for (const el of interactive) {
      if (!visible(el) || el.closest('[aria-hidden=true], .visually-hidden')) continue;
      const rect = el.getBoundingClientRect();
      let reachable = rect.bottom > 0 && rect.right > 0 && rect.top < innerHeight && rect.left < innerWidth;
      for (let parent = el.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
        const box = parent.getBoundingClientRect();
        const outside =
          rect.right <= box.left + 1 ||
          rect.left >= box.right - 1 ||
          rect.bottom <= box.top + 1 ||
          rect.top >= box.bottom - 1;
        const partly = rect.left < box.left - 1 || rect.right > box.right + 1;
        if (scrolls(parent)) {
          reachable = true; // a scroll container can bring it into view
          break;
        }
        if (hides(parent) && (outside || partly) && !parent.classList.contains('vt-cell')) {
          problems.push({ element: describe(el), problem: `cut off by ${describe(parent)}` });
          reachable = true;
          break;
        }
      }
      if (!reachable) problems.push({ element: describe(el), problem: 'outside the window and nothing scrolls to it' });
    }
    // Badges are never cut by the cell or pane they sit in.
    for (const el of document.querySelectorAll('.badge')) {
      if (!visible(el)) continue;
      const rect = el.getBoundingClientRect();
      for (let parent = el.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
        if (scrolls(parent)) break;
        if (!hides(parent)) continue;
        const box = parent.getBoundingClientRect();
        if (rect.right > box.right + 1 || rect.left < box.left - 1)
          problems.push({ element: describe(el), problem: `badge cut by ${describe(parent)}` });
        break;
      }
    }
    // What is read at a glance stays on one line (a dispute's due date, a card's name): marked data-one-line.
    for (const el of document.querySelectorAll('[data-one-line]')) {
      if (!visible(el)) continue;
      const range = document.createRange();
      range.selectNodeContents(el);
      const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      if (lines.size > 1) problems.push({ element: describe(el), problem: `wraps onto ${lines.size} lines` });
    }
    // An email wraps only at its joints (after the @ or a hyphen, before a dot), never mid-word: "amara.lars|en@".
    for (const el of document.querySelectorAll('[data-email]')) {
      if (!visible(el)) continue;
      const lines: string[] = [];
      let line = '';
      let top = -Infinity;
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        for (let i = 0; i < text.length; i++) {
          const range = document.createRange();
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          const rect = range.getBoundingClientRect();
          if (rect.top > top + rect.height / 2) {
            if (line) lines.push(line);
            line = '';
            top = rect.top;
          }
          line += text.charAt(i);
        }
      }
      lines.push(line);
      for (let i = 1; i < lines.length; i++)
        if (!/[@_+-]$/.test(lines[i - 1]!) && !lines[i]!.startsWith('.'))
          problems.push({ element: describe(el), problem: `email broken mid-word: "${lines[i - 1]}" | "${lines[i]}"` });
    }
    // Text controls and badges show all their words.
    for (const el of document.querySelectorAll('button, .badge, [role=radio], .chip, label')) {
      if (!visible(el) || el.closest('.visually-hidden')) continue;
      const node = el as HTMLElement;
      if (node.scrollWidth > node.clientWidth + 1)
        problems.push({ element: describe(el), problem: `text clipped (${node.scrollWidth} > ${node.clientWidth})` });
    }
    return problems;
  });
}

/**
 * Words for people: visible text in the content area carries no raw Stripe enum (`in_transit`, `requires_capture`)
 * and no count that disagrees with its noun ("1 transactions"). Ids, code and the Events inspector (which shows
 * raw event types on purpose) are left out.
 */
export function rawWordProblems(page: Page): Promise<LayoutProblem[]> {
  return page.evaluate(() => {
    const problems: { element: string; problem: string }[] = [];
    const root = document.querySelector('.app-frame') ?? document.body;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const skip = (el: Element | null) =>
      !el || el.closest('.mono, code, pre, .events-view, [aria-hidden=true], .visually-hidden, script, style') !== null;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (skip(el) || !(el as HTMLElement).offsetParent) continue;
      const text = node.textContent ?? '';
      const raw = /(?<![\w@.-])[a-z]+(?:_[a-z]+)+(?![\w@.-])/.exec(text);
      if (raw)
        problems.push({
          element: el!.tagName.toLowerCase(),
          problem: `raw API word "${raw[0]}" in "${text.trim().slice(0, 60)}"`,
        });
      const count = /(?<![\d.,])1 (?!ms\b)[a-z]+s\b/.exec(text);
      if (count && !/\b1 (class|status|address|process|access|business|bus|gas|plus|minus|less)\b/.test(count[0]))
        problems.push({ element: el!.tagName.toLowerCase(), problem: `plural after one: "${count[0]}"` });
    }
    return problems;
  });
}
