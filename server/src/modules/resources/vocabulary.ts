/**
 * The teaching vocabulary shared by every module: subjects and terms, owned by the textbook
 * catalogue. Stored and sent as these codes; the Chinese and English names are for display and
 * for reading catalogue files and old data.
 */
export const SUBJECTS = [
  'chinese',
  'math',
  'english',
  'physics',
  'chemistry',
  'biology',
  'history',
  'geography',
  'politics',
  'science',
  'music',
  'art',
  'pe',
  'it',
  'other',
] as const;
export type Subject = (typeof SUBJECTS)[number];

export const SUBJECT_NAMES: Record<Subject, { zh: string; en: string }> = {
  chinese: { zh: '语文', en: 'Chinese' },
  math: { zh: '数学', en: 'Mathematics' },
  english: { zh: '英语', en: 'English' },
  physics: { zh: '物理', en: 'Physics' },
  chemistry: { zh: '化学', en: 'Chemistry' },
  biology: { zh: '生物', en: 'Biology' },
  history: { zh: '历史', en: 'History' },
  geography: { zh: '地理', en: 'Geography' },
  politics: { zh: '道德与法治', en: 'Morality and Law' },
  science: { zh: '科学', en: 'Science' },
  music: { zh: '音乐', en: 'Music' },
  art: { zh: '美术', en: 'Art' },
  pe: { zh: '体育与健康', en: 'Physical Education' },
  it: { zh: '信息科技', en: 'Information Technology' },
  other: { zh: '其他', en: 'Other' },
};

/** Other names teachers and catalogue files use for a subject. */
const SUBJECT_ALIASES: Record<string, Subject> = {
  道法: 'politics',
  思想品德: 'politics',
  思想政治: 'politics',
  政治: 'politics',
  体育: 'pe',
  信息技术: 'it',
};

/** A subject code from its code, Chinese name or a common alias; null when unknown. */
export function subjectFrom(text: string): Subject | null {
  const value = text.trim();
  if ((SUBJECTS as readonly string[]).includes(value)) return value as Subject;
  for (const s of SUBJECTS) if (SUBJECT_NAMES[s].zh === value) return s;
  return SUBJECT_ALIASES[value] ?? null;
}

/**
 * 上册 / 下册: the autumn and the spring term of a school year; 全一册: a volume for the whole year
 * (a textbook's term only: a term calendar is first or second, `SCHOOL_TERMS`).
 */
export const TERMS = ['first', 'second', 'whole'] as const;
export type Term = (typeof TERMS)[number];
/** The terms a school year is split into (term calendars, lecture series). */
export const SCHOOL_TERMS = ['first', 'second'] as const satisfies readonly Term[];

export const TERM_NAMES: Record<Term, { zh: string; en: string }> = {
  first: { zh: '上', en: 'first term' },
  second: { zh: '下', en: 'second term' },
  whole: { zh: '全一册', en: 'whole year' },
};

/** A term code from its code or 上/下 (also 上册/下册, 上学期/下学期) or 全一册; null when unknown. */
export function termFrom(text: string): Term | null {
  const value = text.trim();
  if ((TERMS as readonly string[]).includes(value)) return value as Term;
  if (value.startsWith('上')) return 'first';
  if (value.startsWith('下')) return 'second';
  if (value === '全一册' || value === '全册') return 'whole';
  return null;
}
