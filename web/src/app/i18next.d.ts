import 'i18next';
import type { zh as admin } from '../features/admin/strings';
import type { zh as bookdrift } from '../features/bookdrift/strings';
import type { zhAll as lectures } from '../features/lectures/strings';
import type { zh as resources } from '../features/resources/strings';
import type { zh as upload } from '../components/upload/strings';
import type common from './locales/zh-CN';

/** Typed message keys: `t('nav.library')` in the resources namespace compiles, a misspelt key does not. */
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: {
      common: typeof common;
      admin: typeof admin;
      bookdrift: typeof bookdrift;
      lectures: typeof lectures;
      resources: typeof resources;
      upload: typeof upload;
    };
  }
}
