import { defineMessages } from '../../common/i18n.js';

export const organizationsMessages = defineMessages({
  'org.schoolNotFound': { zh: '学校不存在', en: 'School not found' },
  'org.groupNotFound': { zh: '教育集团不存在', en: 'Education group not found' },
  'org.schoolCodeTaken': { zh: '学校代码 {code} 已被使用', en: 'School code {code} is already taken' },
  'org.alreadyMember': { zh: '该学校已是集团成员', en: 'The school is already a member of the group' },
  'org.attachNeedsPlatformAdmin': {
    zh: '只有平台管理员可以把已有学校加入集团',
    en: 'Only the platform administrator can add an existing school to a group',
  },
  'org.cannotRemoveCore': { zh: '不能移除集团的核心校', en: 'The core school cannot be removed from its group' },
});

type Keys = { [K in keyof typeof organizationsMessages]: true };
declare module '../../common/i18n.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface MessageKeys extends Keys {}
}
