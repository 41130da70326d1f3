import { performance } from 'node:perf_hooks';
import type { DataSource } from 'typeorm';
import {
  fieldText,
  MAX_TOTAL_HITS,
  normalizeFilter,
  UnknownSearchIndexError,
  validateDefinition,
  validateQuery,
  type Filter,
  type SearchDocument,
  type SearchEngine,
  type SearchIndexDefinition,
  type SearchQuery,
  type SearchResult,
} from './search.engine.js';
import { indexSlots, queryTokens } from './tokenizer.js';

const WEIGHTS = ['A', 'B', 'C', 'D'];
/** tsvector limits: positions 1..16383, at most 256 positions per lexeme */
const MAX_POSITION = 16383;
const MAX_POSITIONS_PER_TERM = 256;
const MAX_FIELD_CHARS = 20_000;
const BATCH = 500;

/**
 * The embedded engine: one generic `search_document` table. Text is tokenized in TypeScript
 * (tokenizer.ts) and stored as a tsvector literal (weights A..D by field priority), so Postgres'
 * own parsers and locale never touch Chinese. Queries are an AND of the same tokens, ranked with
 * ts_rank_cd (which rewards tokens that sit close together, i.e. real phrases). Filters are jsonb
 * containment (`fields @> …`), answered by the jsonb_path_ops GIN index when there is no text.
 */
export class PostgresSearchEngine implements SearchEngine {
  readonly kind = 'postgres' as const;
  private readonly defs = new Map<string, SearchIndexDefinition>();

  constructor(private readonly db: DataSource) {}

  async ensureIndex(def: SearchIndexDefinition): Promise<void> {
    validateDefinition(def);
    this.defs.set(def.name, def);
  }

  private def(index: string): SearchIndexDefinition {
    const def = this.defs.get(index);
    if (!def) throw new UnknownSearchIndexError(index);
    return def;
  }

  async upsert(index: string, docs: SearchDocument[]): Promise<void> {
    const def = this.def(index);
    const byId = new Map(docs.map((d) => [String(d.id), d]));
    const all = [...byId.entries()];
    for (let i = 0; i < all.length; i += BATCH) {
      const chunk = all.slice(i, i + BATCH);
      await this.db.query(
        `INSERT INTO search_document (index_name, doc_id, fields, sort_keys, search_vector, updated_at)
         SELECT $1, d.id, d.fields::jsonb, d.sort_keys::jsonb, d.vec::tsvector, now()
         FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS d(id, fields, sort_keys, vec)
         ON CONFLICT (index_name, doc_id) DO UPDATE
           SET fields = EXCLUDED.fields, sort_keys = EXCLUDED.sort_keys, search_vector = EXCLUDED.search_vector,
               updated_at = now()`,
        [
          index,
          chunk.map(([id]) => id),
          chunk.map(([, d]) => JSON.stringify(filterValues(def, d))),
          chunk.map(([, d]) => JSON.stringify(sortValues(def, d))),
          chunk.map(([, d]) => tsvectorLiteral(def, d)),
        ],
      );
    }
  }

  async delete(index: string, ids: string[]): Promise<void> {
    this.def(index);
    if (!ids.length) return;
    await this.db.query(`DELETE FROM search_document WHERE index_name = $1 AND doc_id = ANY($2::text[])`, [index, ids]);
  }

  async clear(index: string): Promise<void> {
    this.def(index);
    await this.db.query(`DELETE FROM search_document WHERE index_name = $1`, [index]);
  }

  async ping(): Promise<void> {
    await this.db.query(`SELECT 1 FROM search_document LIMIT 1`);
  }

  async search(index: string, query: SearchQuery): Promise<SearchResult> {
    const started = performance.now();
    const def = this.def(index);
    validateQuery(def, query);
    const filter = normalizeFilter(def, query.filter);
    if (filter === false) return { ids: [], total: 0, tookMs: performance.now() - started };

    const params: unknown[] = [index];
    const tokens = queryTokens(query.q ?? '');
    let tsq: string | null = null;
    let from = `search_document d WHERE d.index_name = $1`;
    if (tokens.length) {
      params.push(tokens.map((t) => `${quoteLexeme(t.term)}${t.prefix ? ':*' : ''}`).join(' & '));
      tsq = `$${params.length}::tsquery`;
      from += ` AND d.search_vector @@ ${tsq}`;
    }
    if (filter !== true) from += ` AND ${compileFilter(filter, params)}`;
    const whereParams = [...params];

    // Narrow rows (id + sort keys) before counting and sorting, so wide rows are not carried along.
    // Relevance order ranks at most MAX_TOTAL_HITS matches (ts_rank_cd costs ~20 µs a row): a query
    // so generic that it matches more is answered from the first MAX_TOTAL_HITS, as Meilisearch
    // stops at maxTotalHits. An explicit sort orders every match (no ranking, cheap).
    const inner: string[] = ['d.doc_id'];
    const order: string[] = [];
    let cap = '';
    if (query.sort?.length) {
      for (const [i, s] of query.sort.entries()) {
        params.push(s.field);
        inner.push(`d.sort_keys -> $${params.length} AS s${i}`);
        order.push(`s${i} ${s.direction === 'desc' ? 'DESC' : 'ASC'} NULLS LAST`);
      }
    } else if (tsq) {
      inner.push(`ts_rank_cd(d.search_vector, ${tsq}) AS rank`);
      order.push('rank DESC');
      cap = `LIMIT ${MAX_TOTAL_HITS}`;
    }
    order.push('doc_id');

    const offset = query.offset ?? 0;
    let ids: string[] = [];
    let total: number | null = null;
    if (query.limit > 0) {
      const rows: { doc_id: string; total: string }[] = await this.db.query(
        `SELECT doc_id, count(*) OVER () AS total FROM (SELECT ${inner.join(', ')} FROM ${from} ${cap}) m
         ORDER BY ${order.join(', ')} LIMIT ${query.limit} OFFSET ${offset}`,
        params,
      );
      ids = rows.map((r) => r.doc_id);
      if (rows.length) total = Number(rows[0].total);
    }
    if (total === null) {
      const rows: { n: string }[] = await this.db.query(
        `SELECT count(*) AS n FROM (SELECT 1 FROM ${from} LIMIT ${MAX_TOTAL_HITS}) m`,
        whereParams,
      );
      total = Number(rows[0].n);
    }
    return { ids, total: Math.min(total, MAX_TOTAL_HITS), tookMs: performance.now() - started };
  }
}

/** Filterable values, each stored as an array so `{"f":[v]}` containment matches scalars and arrays. */
function filterValues(def: SearchIndexDefinition, doc: SearchDocument): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const f of def.filterable) {
    const v = doc[f];
    if (v === undefined || v === null) continue;
    out[f] = (Array.isArray(v) ? v : [v])
      .map((x) => (x instanceof Date ? x.toISOString() : x))
      .filter((x) => ['string', 'number', 'boolean'].includes(typeof x));
  }
  return out;
}

function sortValues(def: SearchIndexDefinition, doc: SearchDocument): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of def.sortable ?? []) {
    const v = doc[f];
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[f] = v;
    else if (v instanceof Date) out[f] = v.toISOString();
  }
  return out;
}

/** A tsvector literal: each term with its positions and field-priority weight. */
export function tsvectorLiteral(def: SearchIndexDefinition, doc: SearchDocument): string {
  const terms = new Map<string, string[]>();
  let pos = 1;
  def.searchable.forEach((field, i) => {
    const weight = WEIGHTS[Math.min(i, WEIGHTS.length - 1)];
    for (const slot of indexSlots(fieldText(doc[field]).slice(0, MAX_FIELD_CHARS))) {
      if (pos > MAX_POSITION) return;
      for (const term of slot) {
        let list = terms.get(term);
        if (!list) terms.set(term, (list = []));
        if (list.length < MAX_POSITIONS_PER_TERM) list.push(`${pos}${weight}`);
      }
      pos++;
    }
    pos++; // a gap, so a phrase never spans two fields
  });
  return [...terms].map(([term, positions]) => `${quoteLexeme(term)}:${positions.join(',')}`).join(' ');
}

function quoteLexeme(term: string): string {
  return `'${term.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/**
 * Filters as jsonb containment, which the jsonb_path_ops GIN index answers: a value `v` of field
 * `f` matches when `fields` contains `{"f": [v]}` (values are stored as arrays, see filterValues).
 */
function compileFilter(filter: Filter, params: unknown[]): string {
  if ('and' in filter) return `(${filter.and.map((f) => compileFilter(f, params)).join(' AND ')})`;
  if ('or' in filter) return `(${filter.or.map((f) => compileFilter(f, params)).join(' OR ')})`;
  if ('eq' in filter) {
    params.push(JSON.stringify({ [filter.field]: [filter.eq] }));
    return `d.fields @> $${params.length}::jsonb`;
  }
  params.push(filter.in.map((v) => JSON.stringify({ [filter.field]: [v] })));
  return `d.fields @> ANY($${params.length}::jsonb[])`;
}
