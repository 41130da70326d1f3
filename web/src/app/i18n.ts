import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { setApiLanguage } from '../api/client';
import en from './locales/en';
import zh from './locales/zh-CN';

/** Every namespace: the shell's `common` and one per feature area. */
export const NAMESPACES = ['common', 'admin', 'bookdrift', 'lectures', 'resources', 'upload'] as const;
export type Namespaces = typeof NAMESPACES;

/** The keys of one table of the common namespace, to type a key built from data (`roles.${role}`). */
export type CommonKey<K extends keyof typeof zh> = keyof (typeof zh)[K] & string;
/** The keys of one `org` table (locality, stage, kind, role). */
export type OrgKey<K extends keyof (typeof zh)['org']> = keyof (typeof zh)['org'][K] & string;

export const LANG_KEY = 'mumian.lang';
export type Lang = 'zh-CN' | 'en';

/** Chinese first; English as a toggle, remembered on this device. */
export function initialLang(): Lang {
  const saved = typeof localStorage !== 'undefined' ? localStorage.getItem(LANG_KEY) : null;
  return saved === 'en' ? 'en' : 'zh-CN';
}

/**
 * One namespace per feature area (its `strings.ts`), plus `common` for the shell, roles and shared
 * components. Keys are typed (`i18next.d.ts`): a misspelt key does not compile.
 */
void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { common: zh }, en: { common: en } },
  ns: ['common'],
  defaultNS: 'common',
  lng: initialLang(),
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
});
setApiLanguage(i18n.language);

export function setLang(lang: Lang) {
  localStorage.setItem(LANG_KEY, lang);
  setApiLanguage(lang);
  void i18n.changeLanguage(lang);
  document.documentElement.lang = lang;
}

/** A feature registers its namespace, Chinese and English, when its code loads. */
export function addNamespace(ns: string, strings: Record<Lang, object>) {
  for (const lang of ['zh-CN', 'en'] as const) i18n.addResourceBundle(lang, ns, strings[lang], true, true);
}

export default i18n;
