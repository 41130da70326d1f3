import { Select, Space } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useVocabulary, type Subject } from '../vocabulary';
import { ChapterTreeSelect } from './ChapterTreeSelect';
import { useTextbooks, volumeLabel } from './queries';

/**
 * Textbook (edition / volume) then a chapter of its tree; the value is the chapter id. With no
 * chapter yet, `subject` (a vocabulary code) and `grade` pick a likely textbook.
 */
export function ChapterPicker({
  value,
  onChange,
  textbookId: initialTextbook,
  subject,
  grade,
}: {
  value?: string | null;
  onChange?: (chapterId: string | null) => void;
  /** the textbook of the current chapter */
  textbookId?: string | null;
  subject?: Subject;
  grade?: number;
}) {
  const { t } = useTranslation();
  const { subjectName } = useVocabulary();
  const books = useTextbooks();
  const all = useMemo(() => books.data ?? [], [books.data]);
  const sameSubject = all.filter((b) => b.subject === subject);
  const choices = sameSubject.length ? sameSubject : all;
  const [textbookId, setTextbookId] = useState<string | undefined>(initialTextbook ?? undefined);
  useEffect(() => {
    if (initialTextbook) setTextbookId(initialTextbook);
  }, [initialTextbook]);
  useEffect(() => {
    // no chapter yet: the newest volume of the subject and grade
    if (textbookId || initialTextbook || !all.length) return;
    const likely =
      [...choices].reverse().find((b) => b.grade === grade && b.term === 'first') ?? choices.find((b) => b.grade === grade);
    if (likely) setTextbookId(likely.id);
  }, [all.length, choices, grade, initialTextbook, textbookId]);
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={8}>
      <Select
        aria-label={t('catalogue.textbook')}
        placeholder={t('catalogue.textbook')}
        style={{ width: '100%' }}
        showSearch
        optionFilterProp="label"
        loading={books.isLoading}
        value={textbookId}
        onChange={(id) => {
          setTextbookId(id);
          onChange?.(null);
        }}
        options={choices.map((b) => ({ value: b.id, label: `${b.edition} ${subjectName(b.subject)} · ${volumeLabel(b, all)}` }))}
      />
      <ChapterTreeSelect
        textbookId={textbookId}
        aria-label={t('catalogue.chapter')}
        placeholder={textbookId ? t('catalogue.chapter') : t('catalogue.pickTextbook')}
        style={{ width: '100%' }}
        treeDefaultExpandAll={false}
        value={value ?? undefined}
        onChange={(v) => onChange?.((v as string | undefined) ?? null)}
        data-testid="chapter-picker"
      />
    </Space>
  );
}
