import { defineMessages } from '../../common/i18n.js';

/** Every message key the lectures module throws or renders, in zh-CN and English. */
export const lectureMessages = defineMessages({
  'lecture.seriesNotFound': { zh: '讲堂系列不存在', en: 'No such lecture series' },
  'lecture.episodeNotFound': { zh: '这一讲不存在或尚未发布', en: 'No such lecture, or it is not published yet' },
  'lecture.videoNotFound': { zh: '视频不存在', en: 'No such video' },
  'lecture.notReady': { zh: '视频还在处理中，请稍后再看', en: 'The video is still being processed; try again shortly' },
  'lecture.numberTaken': { zh: '第 {number} 讲已存在', en: 'Episode {number} already exists' },
  'lecture.groupRequired': { zh: '请选择所属教育集团', en: 'Choose the education group' },
  'lecture.restricted': {
    zh: '未满 14 周岁且未绑定监护人的学生只能观看公开讲堂',
    en: 'Students under 14 without a linked guardian can only watch public lectures',
  },
  'lecture.retryOnlyFailed': { zh: '只有失败的转码任务可以重试', en: 'Only a failed transcode can be retried' },
  'lecture.rendition': { zh: '清晰度 {name} 不存在', en: 'No rendition {name}' },
  'lecture.linkExpired': {
    zh: '播放链接已失效，请刷新页面后重新播放',
    en: 'This playback link has expired; reload the page to play again',
  },
  'lecture.notGuardian': { zh: '您不是该学生的监护人', en: 'You are not this student’s guardian' },
  'lecture.chapterNotFound': { zh: '所选教材章节不存在', en: 'No such textbook chapter' },
  'lecture.resourceNotFound': {
    zh: '有 {n} 个资源不存在或您无权查看，不能关联',
    en: '{n} of the resources do not exist or are not visible to you, so they cannot be linked',
  },
  'lecture.resourceDuplicate': { zh: '同一个资源只能关联一次', en: 'Each resource can be linked only once' },
  'lecture.calendar.badDate': { zh: '日期无效', en: 'Not a valid date' },
  'lecture.calendar.notMonday': {
    zh: '第 1 周的起始日应为星期一（{date} 是{weekday}）',
    en: 'Week 1 must start on a Monday ({date} is a {weekday})',
  },
  'lecture.calendar.outsideYear': {
    zh: '{term}应在 {from} 至 {to} 之间开学',
    en: 'The {term} should start between {from} and {to}',
  },
  'lecture.calendar.overlap': {
    zh: '与 {year} 学年{term}（{from} 起 {weeks} 周）的日期重叠',
    en: 'Overlaps the {year} {term} ({weeks} weeks from {from})',
  },
  /** the `{term}` of the calendar messages above */
  'lecture.calendar.first': { zh: '上学期', en: 'first term' },
  'lecture.calendar.second': { zh: '下学期', en: 'second term' },
  /** the `{weekday}` of lecture.calendar.notMonday, Sunday first like Date.getUTCDay() */
  'lecture.weekday.0': { zh: '星期日', en: 'Sunday' },
  'lecture.weekday.1': { zh: '星期一', en: 'Monday' },
  'lecture.weekday.2': { zh: '星期二', en: 'Tuesday' },
  'lecture.weekday.3': { zh: '星期三', en: 'Wednesday' },
  'lecture.weekday.4': { zh: '星期四', en: 'Thursday' },
  'lecture.weekday.5': { zh: '星期五', en: 'Friday' },
  'lecture.weekday.6': { zh: '星期六', en: 'Saturday' },
});

type Keys = { [K in keyof typeof lectureMessages]: true };
declare module '../../common/i18n.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface MessageKeys extends Keys {}
}
