/**
 * The search engine interface and the query model every adapter implements.
 *
 * Two adapters stand behind `SearchEngine`: `PostgresSearchEngine` (embedded default, CI) and
 * `MeilisearchEngine` (docker-compose, production), both held to `describeEngineContract`.
 *
 * CHINESE TEXT. Neither engine segments Chinese the way teachers search it: Postgres' text search
 * has no Chinese parser at all, and Meilisearch's jieba cut keeps long words whole ("一元二次方程"
 * is one word, so "二次方程" finds nothing: only prefixes match). So both adapters index the output
 * of our own tokenizer (`tokenizer.ts`):
 *  - text is NFKC-normalised (full-width "ＰＰＴ８" → "ppt8") and lower-cased;
 *  - every run of CJK characters becomes its overlapping bigrams ("勾股定理" → 勾股 股定 定理) plus
 *    its single characters (so a 1-character query such as "圆" works);
 *  - every run of other letters/digits becomes one word ("PPT", "8", "2024");
 *  - a query is tokenized the same way (CJK runs → bigrams, a 1-character run → that character,
 *    words → prefix matches) and a document matches when it holds ALL query tokens.
 * Limits: bigrams over-match a little (a document holding 二次 and 次方 and 方程 in different
 * places matches "二次方程"; ranking by proximity puts real phrases first); a query bigram that
 * spans a space or punctuation in the document ("勾股定理课件" vs "勾股定理 课件") does not match;
 * no synonyms, no traditional ↔ simplified folding, no pinyin; Chinese numerals are not digits
 * ("八年级" ≠ "8年级"); Meilisearch only reads the first 10 query words.
 */
export type Filter =
  | { and: Filter[] }
  | { or: Filter[] }
  | { field: string; eq: string | number | boolean }
  | { field: string; in: (string | number)[] };

export interface SearchIndexDefinition {
  /** e.g. 'resources' */
  name: string;
  /** text fields in priority order, e.g. ['title','tags','description','authorName','schoolName'] */
  searchable: string[];
  /** fields usable in filters; array values match when any element matches */
  filterable: string[];
  /** fields usable in sort, e.g. ['createdAt','downloads'] (numbers or ISO strings) */
  sortable?: string[];
  /** current documents for these ids; ids not returned are deleted from the index */
  load(ids: string[]): Promise<Array<{ id: string } & Record<string, unknown>>>;
  /** every id of the owner's data, in batches (needed by `reindex`) */
  allIds?(): AsyncIterable<string[]>;
}

export interface SearchQuery {
  q?: string;
  filter?: Filter;
  sort?: { field: string; direction: 'asc' | 'desc' }[];
  limit: number;
  offset?: number;
}

export interface SearchResult {
  ids: string[];
  /** matching documents, exact up to MAX_TOTAL_HITS (larger result sets report MAX_TOTAL_HITS) */
  total: number;
  tookMs: number;
}

export type SearchDocument = { id: string } & Record<string, unknown>;

export interface SearchEngine {
  readonly kind: 'postgres' | 'meilisearch';
  /** creates/updates the index and its settings; must be called before any other use of the index */
  ensureIndex(def: SearchIndexDefinition): Promise<void>;
  /** inserts or replaces whole documents (idempotent) */
  upsert(index: string, docs: SearchDocument[]): Promise<void>;
  /** removes documents; unknown ids are ignored (idempotent) */
  delete(index: string, ids: string[]): Promise<void>;
  search(index: string, query: SearchQuery): Promise<SearchResult>;
  /** removes every document of the index */
  clear(index: string): Promise<void>;
  /** throws when the engine cannot be reached */
  ping(): Promise<void>;
}

export const SEARCH_ENGINE = Symbol('SEARCH_ENGINE');

/** An index nobody registered (a programming error, not bad user input). */
export class UnknownSearchIndexError extends Error {
  constructor(readonly index: string) {
    super(`unknown search index "${index}"`);
  }
}

/** A query the index cannot answer: a field that is not filterable/sortable, a bad limit. */
export class InvalidSearchQueryError extends Error {}

export const MAX_LIMIT = 1000;
/** how deep results go (offset + limit) and where `total` stops counting, in both engines */
export const MAX_TOTAL_HITS = 10_000;
export const MAX_QUERY_CHARS = 200;
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const INDEX_NAME = /^[a-z][a-z0-9_]{0,39}$/;

export function validateDefinition(def: SearchIndexDefinition): void {
  if (!INDEX_NAME.test(def.name)) throw new Error(`search index name "${def.name}" must match ${INDEX_NAME}`);
  if (!def.searchable.length) throw new Error(`search index "${def.name}" needs at least one searchable field`);
  for (const f of [...def.searchable, ...def.filterable, ...(def.sortable ?? [])])
    if (!FIELD_NAME.test(f) || f === 'id') throw new Error(`search index "${def.name}": bad field name "${f}"`);
}

/** A filter reduced to constants where possible: `true` = no filter, `false` = nothing matches. */
export type NormalFilter = true | false | Filter;

/** Checks fields and values against the definition, and folds empty and/or/in into constants. */
export function normalizeFilter(def: SearchIndexDefinition, filter: Filter | undefined): NormalFilter {
  if (!filter) return true;
  const walk = (f: Filter, depth: number): NormalFilter => {
    if (depth > 8) throw new InvalidSearchQueryError('filter nested too deeply');
    if (typeof f !== 'object' || f === null) throw new InvalidSearchQueryError('filter must be an object');
    if ('and' in f) {
      const parts = f.and.map((x) => walk(x, depth + 1));
      if (parts.includes(false)) return false;
      const rest = parts.filter((p): p is Filter => p !== true);
      return rest.length === 0 ? true : rest.length === 1 ? rest[0] : { and: rest };
    }
    if ('or' in f) {
      const parts = f.or.map((x) => walk(x, depth + 1));
      if (parts.includes(true)) return true;
      const rest = parts.filter((p): p is Filter => p !== false);
      return rest.length === 0 ? false : rest.length === 1 ? rest[0] : { or: rest };
    }
    if (!('field' in f) || !def.filterable.includes(f.field))
      throw new InvalidSearchQueryError(`field "${(f as { field?: string }).field}" is not filterable`);
    if ('eq' in f) {
      if (!isScalar(f.eq)) throw new InvalidSearchQueryError(`bad value for "${f.field}"`);
      return f;
    }
    if ('in' in f) {
      if (!Array.isArray(f.in) || f.in.length > 1000 || !f.in.every((v) => isScalar(v) && typeof v !== 'boolean'))
        throw new InvalidSearchQueryError(`bad values for "${f.field}"`);
      return f.in.length === 0 ? false : f;
    }
    throw new InvalidSearchQueryError('filter needs and, or, eq or in');
  };
  return walk(filter, 0);
}

function isScalar(v: unknown): v is string | number | boolean {
  return (typeof v === 'string' && v.length <= 500) || (typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean';
}

export function validateQuery(def: SearchIndexDefinition, query: SearchQuery): void {
  if (!Number.isInteger(query.limit) || query.limit < 0 || query.limit > MAX_LIMIT)
    throw new InvalidSearchQueryError(`limit must be 0..${MAX_LIMIT}`);
  const offset = query.offset ?? 0;
  if (!Number.isInteger(offset) || offset < 0 || offset + query.limit > MAX_TOTAL_HITS)
    throw new InvalidSearchQueryError(`offset + limit must be at most ${MAX_TOTAL_HITS}`);
  if (query.q !== undefined && (typeof query.q !== 'string' || query.q.length > MAX_QUERY_CHARS))
    throw new InvalidSearchQueryError(`q must be at most ${MAX_QUERY_CHARS} characters`);
  for (const s of query.sort ?? []) {
    if (!(def.sortable ?? []).includes(s.field)) throw new InvalidSearchQueryError(`field "${s.field}" is not sortable`);
    if (s.direction !== 'asc' && s.direction !== 'desc') throw new InvalidSearchQueryError('sort direction is asc or desc');
  }
}

/** The filterable and sortable values of a document (what the engines keep besides the text). */
export function attributeFields(def: SearchIndexDefinition, doc: SearchDocument): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of new Set([...def.filterable, ...(def.sortable ?? [])])) {
    const v = doc[f];
    if (v === undefined || v === null) continue;
    out[f] = v instanceof Date ? v.toISOString() : v;
  }
  return out;
}

/** The text of one searchable field: strings, numbers, arrays of them joined by spaces. */
export function fieldText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map(fieldText).join(' ');
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}
