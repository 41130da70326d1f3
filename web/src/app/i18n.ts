import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { setApiLanguage } from '../api/client';
import en from './locales/en';
import zh from './locales/zh-CN';

export const LANG_KEY = 'mumian.lang';
export type Lang = 'zh-CN' | 'en';

/** Chinese first; English as a toggle, remembered on this device. */
export function initialLang(): Lang {
  const saved = typeof localStorage !== 'undefined' ? localStorage.getItem(LANG_KEY) : null;
  return saved === 'en' ? 'en' : 'zh-CN';
}

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zh }, en: { translation: en } },
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

/** Features add their own strings under their own namespace key. */
export function addStrings(lang: Lang, strings: Record<string, unknown>) {
  i18n.addResourceBundle(lang, 'translation', strings, true, true);
}

export default i18n;
