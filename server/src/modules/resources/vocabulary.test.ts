import { SUBJECTS, SUBJECT_NAMES, subjectFrom, termFrom } from './vocabulary.js';

describe('teaching vocabulary', () => {
  it('reads a subject from its code, its Chinese name or a common alias', () => {
    expect(subjectFrom('math')).toBe('math');
    expect(subjectFrom('数学')).toBe('math');
    expect(subjectFrom(' 道德与法治 ')).toBe('politics');
    expect(subjectFrom('道法')).toBe('politics');
    expect(subjectFrom('烹饪')).toBeNull();
  });

  it('names every subject in both languages, each Chinese name once', () => {
    const zh = SUBJECTS.map((s) => SUBJECT_NAMES[s].zh);
    expect(new Set(zh).size).toBe(SUBJECTS.length);
    for (const s of SUBJECTS) expect(SUBJECT_NAMES[s].en).toMatch(/^[A-Z]/);
  });

  it('reads a term from first/second or 上/下', () => {
    expect(termFrom('上')).toBe('first');
    expect(termFrom('下册')).toBe('second');
    expect(termFrom('second')).toBe('second');
    expect(termFrom('春')).toBeNull();
  });
});
