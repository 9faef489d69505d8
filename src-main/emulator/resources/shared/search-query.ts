import { invalidRequest } from '../../http/errors';
import type { RawCondition } from '../../store/object-store';

/** How a searchable field is stored: an indexed column or a JSON path, and how to compare it. */
export interface SearchField {
  kind: 'string' | 'number' | 'boolean';
  sql: string;
  /** The column already holds lower-cased text, so exact matches can use its index. */
  lowerCased?: boolean;
}

type Operator = ':' | '~' | '>' | '<' | '>=' | '<=';

interface Clause {
  negated: boolean;
  field: string;
  operator: Operator;
  value: string;
  /** `field:null` (unquoted) finds objects where the field is empty. */
  isNull: boolean;
}

const CLAUSE =
  /^\s*(-?)(metadata\[(?:'[^']*'|"[^"]*")\]|[a-z_][a-z0-9_.]*)\s*(>=|<=|:|~|>|<)\s*('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|[^\s'"]+)/i;

function syntaxError(query: string): never {
  throw invalidRequest(
    `We were unable to parse your search query. Try using the format \`metadata["key"]:"value"\` to query for metadata or \`key:"value"\` to query for other fields. Query: ${query}`,
    'query',
  );
}

function unquote(raw: string): string {
  if ((raw.startsWith("'") && raw.endsWith("'")) || (raw.startsWith('"') && raw.endsWith('"'))) {
    return raw.slice(1, -1).replace(/\\(.)/g, '$1');
  }
  return raw;
}

/** Stripe combines at most 10 clauses per query. */
const MAX_CLAUSES = 10;

/**
 * Clauses are joined by `AND` or `OR` (keywords in any case) or by a bare space, which means AND;
 * one query can't mix AND and OR.
 */
function parse(query: string): { clauses: Clause[]; joiner: 'AND' | 'OR' } {
  const clauses: Clause[] = [];
  const joiners = new Set<string>();
  let rest = query.trim();
  if (rest === '') syntaxError(query);
  while (rest.length > 0) {
    const match = CLAUSE.exec(rest);
    if (!match) syntaxError(query);
    const quoted = /^['"]/.test(match[4] as string);
    clauses.push({
      negated: match[1] === '-',
      field: match[2] as string,
      operator: match[3] as Operator,
      value: unquote(match[4] as string),
      isNull: !quoted && (match[4] as string) === 'null',
    });
    rest = rest.slice(match[0].length).trim();
    if (rest.length === 0) break;
    const joiner = /^(AND|OR)\s+/i.exec(rest);
    joiners.add(joiner ? (joiner[1] as string).toUpperCase() : 'AND');
    if (joiner) rest = rest.slice(joiner[0].length);
  }
  if (joiners.size > 1) {
    throw invalidRequest('Search queries can only use one of `AND` or `OR`, not both.', 'query');
  }
  if (clauses.length > MAX_CLAUSES) {
    throw invalidRequest(
      `Search queries can combine at most ${MAX_CLAUSES} clauses; this one has ${clauses.length}.`,
      'query',
    );
  }
  return { clauses, joiner: joiners.has('OR') ? 'OR' : 'AND' };
}

function metadataPath(field: string): string | undefined {
  const match = /^metadata\[['"](.*)['"]\]$/.exec(field);
  return match ? `json_extract(json, '$.metadata."' || ? || '"')` : undefined;
}

function compileClause(clause: Clause, fields: Record<string, SearchField>, resource: string): RawCondition {
  const metadataSql = metadataPath(clause.field);
  let field: SearchField;
  const params: unknown[] = [];
  if (metadataSql) {
    field = { kind: 'string', sql: metadataSql };
    params.push(/^metadata\[['"](.*)['"]\]$/.exec(clause.field)?.[1] ?? '');
  } else {
    const known = fields[clause.field];
    if (!known) {
      throw invalidRequest(
        `Field \`${clause.field}\` is an unsupported search field for resource \`${resource}\`. See http://stripe.com/docs/search#query-fields-for-${resource.replace(/_/g, '-')} for a list of supported fields.`,
        'query',
      );
    }
    field = known;
  }
  let sql: string;
  if (clause.isNull && clause.operator === ':') {
    sql = `${field.sql} IS NULL`;
  } else if (clause.operator === '~') {
    if (field.kind !== 'string')
      throw invalidRequest(`Field \`${clause.field}\` does not support substring matching.`, 'query');
    if (clause.value.length < 3) throw invalidRequest('Substring searches require at least 3 characters.', 'query');
    sql = `instr(lower(${field.sql}), lower(?)) > 0`;
    params.push(clause.value);
  } else if (clause.operator === ':') {
    if (field.kind === 'number') {
      if (!/^-?\d+$/.test(clause.value)) throw invalidRequest(`Field \`${clause.field}\` expects a number.`, 'query');
      sql = `${field.sql} = ?`;
      params.push(Number(clause.value));
    } else if (field.kind === 'boolean') {
      sql = `${field.sql} = ?`;
      params.push(clause.value === 'true' ? 1 : 0);
    } else {
      sql = field.lowerCased ? `${field.sql} = lower(?)` : `lower(${field.sql}) = lower(?)`;
      params.push(clause.value);
    }
  } else {
    if (field.kind !== 'number') {
      throw invalidRequest(`Field \`${clause.field}\` does not support numeric comparisons.`, 'query');
    }
    if (!/^-?\d+$/.test(clause.value)) throw invalidRequest(`Field \`${clause.field}\` expects a number.`, 'query');
    sql = `${field.sql} ${clause.operator} ?`;
    params.push(Number(clause.value));
  }
  // A negated clause also matches objects where the field is missing; a plain one stays bare so indexes apply.
  return { sql: clause.negated ? `NOT coalesce(${sql}, 0)` : sql, params };
}

/** Compiles Stripe's search query language into one SQL condition over the objects table. */
export function compileSearchQuery(query: string, fields: Record<string, SearchField>, resource: string): RawCondition {
  const { clauses, joiner } = parse(query);
  const compiled = clauses.map((clause) => compileClause(clause, fields, resource));
  return {
    sql: compiled.map((c) => `(${c.sql})`).join(` ${joiner} `),
    params: compiled.flatMap((c) => c.params),
  };
}

/** JSON field helper for search field tables. */
export const jsonPath = (path: string): string => `json_extract(json, '$.${path}')`;
