/**
 * Our own tokenizer for Chinese, English and digits (why: see the comment atop search.engine.ts).
 * CJK runs → single characters + overlapping bigrams; other letter/digit runs → lower-cased words.
 */

const CJK_CLASS = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}';
const RUN = new RegExp(`([${CJK_CLASS}]+)|((?:(?![${CJK_CLASS}])[\\p{L}\\p{N}\\p{M}])+)`, 'gu');
const MAX_WORD = 60;
/** query tokens beyond this are dropped (bounds the cost of hostile queries) */
export const MAX_QUERY_TOKENS = 24;

interface Run {
  cjk: boolean;
  text: string;
}

function runs(text: string): Run[] {
  const normal = text.normalize('NFKC').toLowerCase();
  const out: Run[] = [];
  for (const m of normal.matchAll(RUN)) {
    if (m[1]) out.push({ cjk: true, text: m[1] });
    else if (m[2]) out.push({ cjk: false, text: [...m[2]].slice(0, MAX_WORD).join('') });
  }
  return out;
}

/**
 * The terms of a text in order, grouped by position: a CJK character and the bigram starting at it
 * share one slot ("勾股" → [["勾","勾股"],["股"]]); a word has a slot of its own.
 */
export function indexSlots(text: string): string[][] {
  const slots: string[][] = [];
  for (const run of runs(text)) {
    if (!run.cjk) {
      slots.push([run.text]);
      continue;
    }
    const chars = [...run.text];
    for (let i = 0; i < chars.length; i++) slots.push(i + 1 < chars.length ? [chars[i], chars[i] + chars[i + 1]] : [chars[i]]);
  }
  return slots;
}

export interface QueryToken {
  term: string;
  /** the last word of a query matches as a prefix ("ppt" finds "pptx"), as in Meilisearch */
  prefix: boolean;
}

/** The terms a document must all contain to match the query, de-duplicated, in query order. */
export function queryTokens(q: string): QueryToken[] {
  const out: QueryToken[] = [];
  const seen = new Set<string>();
  const add = (term: string, prefix: boolean) => {
    if (seen.has(term) || out.length >= MAX_QUERY_TOKENS) return;
    seen.add(term);
    out.push({ term, prefix });
  };
  for (const run of runs(q)) {
    if (!run.cjk) {
      add(run.text, false);
      continue;
    }
    const chars = [...run.text];
    if (chars.length === 1) add(chars[0], false);
    for (let i = 0; i + 1 < chars.length; i++) add(chars[i] + chars[i + 1], false);
  }
  const lastRun = runs(q).at(-1);
  if (lastRun && !lastRun.cjk && out.at(-1)?.term === lastRun.text) out[out.length - 1].prefix = true;
  return out;
}
