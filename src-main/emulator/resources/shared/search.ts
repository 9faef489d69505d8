import { invalidRequest } from '../../http/errors';
import type { RequestContext } from '../../http/context';
import type { Cursor } from '../../store/object-store';
import type { ObjectType, StripeObject } from '../../store/types';
import { readLimit } from './list';
import { compileSearchQuery, type SearchField } from './search-query';

export interface SearchResult {
  object: 'search_result';
  data: StripeObject[];
  has_more: boolean;
  next_page: string | null;
  url: string;
  total_count?: number;
}

function encodePage(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.created, cursor.id])).toString('base64url');
}

function decodePage(page: string): Cursor {
  try {
    const [created, id] = JSON.parse(Buffer.from(page, 'base64url').toString('utf8')) as [number, string];
    if (typeof created !== 'number' || typeof id !== 'string') throw new Error('bad page');
    return { created, id };
  } catch {
    throw invalidRequest(`Invalid page: ${page}`, 'page');
  }
}

/** A `/v1/<resource>/search` endpoint: query language, page tokens, optional index lag. */
export function searchObjects(
  ctx: RequestContext,
  type: ObjectType,
  resource: string,
  fields: Record<string, SearchField>,
): SearchResult {
  const query = ctx.params.string('query');
  if (query === undefined) throw invalidRequest('Missing required param: query.', 'query');
  const limit = readLimit(ctx.params);
  const page = ctx.params.string('page');
  const condition = compileSearchQuery(query, fields, resource);
  // Stripe's search index trails writes; objects written within the lag are not yet visible.
  const conditions = [
    condition,
    { sql: 'indexed_at <= ?', params: [ctx.env.clock.nowMs() - ctx.env.searchIndexLagMs] },
  ];
  const result = ctx.env.store.list({
    mode: ctx.mode,
    type,
    conditions,
    limit,
    ...(page ? { startingAfter: decodePage(page) } : {}),
  });
  const last = result.data[result.data.length - 1];
  const wantsTotal = (ctx.params.stringList('expand') ?? []).includes('total_count');
  return {
    object: 'search_result',
    data: result.data,
    has_more: result.hasMore,
    next_page: result.hasMore && last ? encodePage({ created: last.created as number, id: last.id }) : null,
    url: `/v1/${resource}/search`,
    ...(wantsTotal ? { total_count: ctx.env.store.count(ctx.mode, type, [], conditions) } : {}),
  };
}
