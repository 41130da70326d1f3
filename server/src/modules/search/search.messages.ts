import { defineMessages } from '../../common/i18n.js';

export const searchMessages = defineMessages({
  'search.invalidQuery': { zh: '搜索条件有误：{reason}', en: 'The search is invalid: {reason}' },
  'search.unavailable': {
    zh: '搜索服务暂时不可用，请稍后再试',
    en: 'Search is unavailable right now; please try again later',
  },
});

type Keys = { [K in keyof typeof searchMessages]: true };
declare module '../../common/i18n.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface MessageKeys extends Keys {}
}
