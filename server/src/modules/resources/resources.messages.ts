import { defineMessages } from '../../common/i18n.js';

/** Every message key the resources module (library and textbook catalogue) throws or renders. */
export const resourcesMessages = defineMessages({
  'resources.notFound': { zh: '资源不存在或您无权查看', en: 'Resource not found, or you may not see it' },
  'resources.fileNotFound': { zh: '文件不存在', en: 'File not found' },
  'resources.versionNotFound': { zh: '该文件版本不存在', en: 'No such file version' },
  'resources.textbookNotFound': { zh: '所选教材不存在', en: 'The chosen textbook does not exist' },
  'resources.chapterNeedsTextbook': { zh: '选择章节前请先选择教材', en: 'Choose a textbook before choosing a chapter' },
  'resources.chapterOutsideTextbook': {
    zh: '所选章节不属于该教材（版本/册）',
    en: 'The chosen chapter does not belong to that textbook (edition/volume)',
  },
  'resources.subjectMismatch': {
    zh: '学科与所选教材不一致（教材学科：{subjectZh}）',
    en: 'The subject does not match the chosen textbook ({subjectEn})',
  },
  'resources.noSchool': {
    zh: '您的账号未关联学校，不能设为校内/集团可见',
    en: 'Your account has no school, so school or group visibility is not possible',
  },
  'resources.reasonRequired': { zh: '驳回时请填写原因', en: 'Give a reason when rejecting' },
  'resources.notReviewable': { zh: '该资源不需要审核', en: 'This resource does not need review' },
  'resources.ownReview': { zh: '不能审核自己上传的资源', en: 'You cannot review your own resource' },
  'resources.tooManyFiles': { zh: '一个资源最多 {n} 个文件', en: 'A resource may hold at most {n} files' },
  'catalogue.textbookNotFound': { zh: '教材不存在', en: 'Textbook not found' },
  'catalogue.invalid': {
    zh: '教材目录格式不正确（{field}）',
    en: 'The textbook catalogue has the wrong shape ({field})',
  },
});

type Keys = { [K in keyof typeof resourcesMessages]: true };
declare module '../../common/i18n.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface MessageKeys extends Keys {}
}
