import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { SubjectValues, TermValues } from '../api/enums';
import type { components } from '../api/schema';

/** The teaching vocabulary, as the API document defines it (codes; names in the `common` namespace). */
export type Subject = components['schemas']['Subject'];
export type Term = components['schemas']['Term'];
export const SUBJECTS: readonly Subject[] = SubjectValues;
export const TERMS: readonly Term[] = TermValues;

/** Names and select options of subjects and terms in the current language, from one table. */
export function useVocabulary() {
  const { t } = useTranslation('common');
  const subjectName = useCallback((s: Subject) => t(`vocabulary.subjects.${s}`), [t]);
  const termName = useCallback((x: Term) => t(`vocabulary.terms.${x}`), [t]);
  return useMemo(
    () => ({
      subjectName,
      termName,
      subjectOptions: (only: readonly Subject[] = SUBJECTS) => only.map((s) => ({ value: s, label: subjectName(s) })),
      termOptions: (only: readonly Term[] = TERMS) => only.map((x) => ({ value: x, label: termName(x) })),
    }),
    [subjectName, termName],
  );
}
