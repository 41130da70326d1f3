import { Form, Input, Radio, Select, Space, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { ChapterTreeSelect } from '../../components/catalogue/ChapterTreeSelect';
import { SUBJECTS, useVocabulary, type Subject } from '../../components/vocabulary';
import { AUDIENCES, LICENSES, RESOURCE_KINDS, VISIBILITIES, volumeLabel, type TextbookView } from './queries';
import type { zh } from './strings';

/** Names of the form fields, as the API reports field errors. */
export const RESOURCE_FIELDS = [
  'title',
  'description',
  'kind',
  'subject',
  'grades',
  'textbookId',
  'chapterId',
  'tags',
  'license',
  'visibility',
  'audience',
];

export const TEACHER_ONLY_KINDS = ['lesson_plan', 'exam_paper', 'teaching_design'];

/** Subject → textbook → chapter stay consistent: a new subject clears the textbook, a new textbook the chapter. */
export function keepPlacementConsistent(form: FormInstance, changed: Record<string, unknown>, all: TextbookView[]) {
  if ('subject' in changed) form.setFieldsValue({ textbookId: undefined, chapterId: undefined });
  if ('textbookId' in changed) {
    form.setFieldValue('chapterId', undefined);
    const b = all.find((x) => x.id === changed.textbookId);
    if (b && !form.getFieldValue('grades')?.length) form.setFieldValue('grades', [b.grade]);
  }
}

/** The descriptive fields of a resource, shared by the upload page and the edit dialog. */
export function ResourceFields({ form, all }: { form: FormInstance; all: TextbookView[] }) {
  const { t } = useTranslation(['resources', 'common']);
  const subject = Form.useWatch('subject', form) as Subject | undefined;
  const { subjectName } = useVocabulary();
  const textbookId = Form.useWatch('textbookId', form) as string | undefined;
  const visibility = Form.useWatch('visibility', form) as string | undefined;
  // the catalogue's subjects first, then the rest of the vocabulary
  const subjects = [...new Set([...all.map((b) => b.subject), ...SUBJECTS])];
  const required = (label: string) => [{ required: true, message: t('upload.required', { label }) }];

  return (
    <>
      <Form.Item name="title" label={t('upload.name')} rules={required(t('upload.name'))}>
        <Input maxLength={200} showCount />
      </Form.Item>
      <Space wrap size="middle" style={{ width: '100%' }} className="res-form-row">
        <Form.Item name="kind" label={t('upload.kind')} rules={required(t('upload.kind'))}>
          <Select
            style={{ minWidth: 140 }}
            options={RESOURCE_KINDS.map((k) => ({ value: k, label: t(`common:catalogue.kind.${k}`) }))}
          />
        </Form.Item>
        <Form.Item name="subject" label={t('upload.subject')} rules={required(t('upload.subject'))}>
          <Select
            style={{ minWidth: 140 }}
            showSearch
            optionFilterProp="label"
            options={subjects.map((s) => ({ value: s, label: subjectName(s) }))}
          />
        </Form.Item>
        <Form.Item name="grades" label={t('upload.grades')} rules={required(t('upload.grades'))}>
          <Select
            mode="multiple"
            style={{ minWidth: 180 }}
            options={Array.from({ length: 12 }, (_, i) => ({
              value: i + 1,
              label: t(`grade.g${i + 1}` as `grade.${keyof typeof zh.grade}`),
            }))}
          />
        </Form.Item>
      </Space>
      <Form.Item name="textbookId" label={t('upload.textbook')}>
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          disabled={!subject}
          options={all
            .filter((b) => b.subject === subject)
            .map((b) => ({ value: b.id, label: `${b.edition} · ${volumeLabel(b, all)}` }))}
        />
      </Form.Item>
      <Form.Item name="chapterId" label={t('upload.chapter')}>
        <ChapterTreeSelect textbookId={textbookId} />
      </Form.Item>
      <Form.Item name="description" label={t('upload.description')}>
        <Input.TextArea rows={3} maxLength={5000} />
      </Form.Item>
      <Form.Item name="tags" label={t('upload.tags')} extra={t('upload.tagsHint')}>
        <Select mode="tags" maxCount={10} open={false} />
      </Form.Item>
      <Form.Item
        name="visibility"
        label={t('detail.visibility')}
        extra={visibility === 'group' || visibility === 'public' ? t('visibilityHint') : undefined}
      >
        <Radio.Group options={VISIBILITIES.map((v) => ({ value: v, label: t(`visibility.${v}`) }))} />
      </Form.Item>
      <Form.Item name="audience" label={t('detail.audience')}>
        <Radio.Group options={AUDIENCES.map((v) => ({ value: v, label: t(`audience.${v}`) }))} />
      </Form.Item>
      <Form.Item name="license" label={t('detail.license')}>
        <Select options={LICENSES.map((v) => ({ value: v, label: t(`license.${v}`) }))} />
      </Form.Item>
    </>
  );
}
