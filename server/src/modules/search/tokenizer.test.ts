import { indexSlots, MAX_QUERY_TOKENS, queryTokens } from './tokenizer.js';

describe('Chinese/English/digit tokenizer', () => {
  it('cuts CJK runs into characters and overlapping bigrams', () => {
    expect(indexSlots('勾股定理')).toEqual([['勾', '勾股'], ['股', '股定'], ['定', '定理'], ['理']]);
    expect(queryTokens('二次方程').map((t) => t.term)).toEqual(['二次', '次方', '方程']);
  });

  it('keeps a one-character query as that character', () => {
    expect(queryTokens('圆')).toEqual([{ term: '圆', prefix: false }]);
  });

  it('separates Latin words and digits from Chinese, lower-cased and full-width folded', () => {
    expect(indexSlots('8年级 PPT课件')).toEqual([['8'], ['年', '年级'], ['级'], ['ppt'], ['课', '课件'], ['件']]);
    expect(queryTokens('ＰＰＴ ８年级')).toEqual([
      { term: 'ppt', prefix: false },
      { term: '8', prefix: false },
      { term: '年级', prefix: false },
    ]);
    // only the last word is a prefix, as in Meilisearch
    expect(queryTokens('课件 ppt')).toEqual([
      { term: '课件', prefix: false },
      { term: 'ppt', prefix: true },
    ]);
  });

  it('drops punctuation, symbols and tsquery syntax, and bounds the number of query terms', () => {
    expect(queryTokens(`'&|!():* "勾股" <->`).map((t) => t.term)).toEqual(['勾股']);
    expect(queryTokens('，。！')).toEqual([]);
    expect(queryTokens('一二三四五六七八九十'.repeat(10)).length).toBeLessThanOrEqual(MAX_QUERY_TOKENS);
  });
});
