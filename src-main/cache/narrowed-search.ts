import Database from 'better-sqlite3';
import { encodeCursor, type KeysetPage } from './keyset';
import { FTS_TOKENIZE } from './schema';
import { CUSTOMER_SEARCH_COLUMNS, customerSearchText, narrowedPhrase, prefixPhrase } from './search-text';

/** A customer a full-text query found: rowid, stored JSON (null if not live) and `cards` as customers_fts holds them. */
export interface CustomerCandidate {
  rowid: number;
  data: string | null;
  cards: string | null;
  [column: string]: unknown;
}

/** A full-text query over customers_fts for an FTS5 expression: a keyset page in ascending rowid order. */
export type CustomerMatchQuery<Row extends CustomerCandidate> = (
  match: string,
  cursor: string | null,
  limit: number,
) => KeysetPage<Row>;

/**
 * The first batch of candidates is at most this many: enough to see what share of them the whole phrase keeps.
 * At most `MAX_CANDIDATES` are checked before the whole phrase is asked instead. A check costs 10–40 µs of CPU
 * (read with the candidate, JSON parsed, tokenized in memory) on the shared machine, so the cap bounds what a
 * wasted narrowing adds to a whole phrase that was cheap after all (`4242`: terms starting with it are few, those
 * starting with `424` ten times as many) to a few milliseconds; a slow whole phrase costs 10–35 ms.
 */
const FIRST_BATCH = 16;
const MAX_CANDIDATES = 160;

/**
 * Customer search through the prefix index when the typed text's last word is longer than it. FTS5 answers a
 * last word of up to three letters from that index; a longer one makes it merge the whole doclist of every term
 * starting with it before it looks at a row (`…@inbox.test`: `test` is in half the customers, 20–35 ms at a
 * million). So the narrowed phrase (`narrowedPhrase`, a superset) finds the candidates, and each is checked
 * against the whole phrase in a small FTS5 table of its own, in memory, with customers_fts's columns and
 * tokenizer, filled with the text customers_fts was given for them: the same answer, rows and pages, as the
 * whole phrase. Asking customers_fts itself for the check would cost what the narrowing saved (even with
 * `rowid = ?`, FTS5 builds the doclist first). Its own connection, so a check never joins a write transaction
 * open on the cache.
 */
export class NarrowedCustomerSearch {
  private scratch: Scratch | null = null;

  /**
   * The page `query(prefixPhrase(text, field), cursor, limit)` returns, or null when the whole phrase is the
   * better question: its last word is short, or the narrowed phrase finds too many rows the whole one doesn't
   * (`cus_…` ids: every id starts with `cus`).
   */
  page<Row extends CustomerCandidate>(
    text: string,
    field: string | undefined,
    cursor: string | null,
    limit: number,
    query: CustomerMatchQuery<Row>,
  ): KeysetPage<Row> | null {
    const narrowed = narrowedPhrase(text, field);
    const match = prefixPhrase(text, field);
    if (!narrowed || !match) return null;
    const found: Row[] = [];
    let checked = 0;
    let batch = Math.min(limit + 1, FIRST_BATCH);
    for (;;) {
      const candidates = query(narrowed, cursor, batch);
      const kept = this.matching(match, candidates.rows);
      if (!kept) return null;
      found.push(...kept);
      if (found.length > limit)
        return { rows: found.slice(0, limit), nextCursor: encodeCursor([found[limit - 1]!.rowid]) };
      if (!candidates.nextCursor) return { rows: found, nextCursor: null };
      checked += candidates.rows.length;
      // At the rate kept so far, how many more candidates the rest of the page takes.
      const more = found.length ? Math.ceil(((limit + 1 - found.length) * checked) / found.length) : Infinity;
      if (checked + more > MAX_CANDIDATES) return null;
      batch = Math.max(more, FIRST_BATCH);
      cursor = candidates.nextCursor;
    }
  }

  close(): void {
    this.scratch?.db.close();
    this.scratch = null;
  }

  /** The candidates whose text matches the FTS5 expression, in their order; null if one isn't a live customer. */
  private matching<Row extends CustomerCandidate>(match: string, candidates: readonly Row[]): Row[] | null {
    if (candidates.some((c) => c.data === null)) return null;
    if (candidates.length === 0) return [];
    const scratch = (this.scratch ??= openScratch());
    const kept = scratch.db.transaction(() => {
      for (const c of candidates)
        scratch.insert.run(
          c.rowid,
          ...customerSearchText(JSON.parse(c.data!) as Record<string, unknown>, c.cards ?? ''),
        );
      const rowids = new Set(scratch.matching.all(match) as number[]);
      scratch.clear.run();
      return rowids;
    })();
    return candidates.filter((c) => kept.has(c.rowid));
  }
}

interface Scratch {
  db: Database.Database;
  insert: Database.Statement;
  matching: Database.Statement;
  clear: Database.Statement;
}

function openScratch(): Scratch {
  const db = new Database(':memory:');
  const columns = CUSTOMER_SEARCH_COLUMNS.join(', ');
  // Contentless: nothing is read back but rowids, and 'delete-all' empties it without tokenizing the text again.
  db.exec(`CREATE VIRTUAL TABLE candidates USING fts5(${columns}, content='', ${FTS_TOKENIZE})`);
  return {
    db,
    insert: db.prepare(
      `INSERT INTO candidates (rowid, ${columns}) VALUES (?${CUSTOMER_SEARCH_COLUMNS.map(() => ', ?').join('')})`,
    ),
    matching: db.prepare('SELECT rowid FROM candidates WHERE candidates MATCH ?').pluck(),
    clear: db.prepare("INSERT INTO candidates (candidates) VALUES ('delete-all')"),
  };
}
