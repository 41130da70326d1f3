/**
 * Server-side messages in the user's language. Each module registers its own catalogue
 * (`registerMessages`) so no shared file grows with every feature. zh-CN is the default.
 */
export type Lang = 'zh-CN' | 'en';
export type Catalogue = Record<string, { zh: string; en: string }>;

const messages: Catalogue = {};

export function registerMessages(catalogue: Catalogue): void {
  Object.assign(messages, catalogue);
}

/**
 * Every message key of the application. Each module declares its own in `<module>.messages.ts`:
 *
 *   export const lectureMessages = defineMessages({ 'lecture.notFound': { zh: '…', en: '…' } });
 *   type Keys = { [K in keyof typeof lectureMessages]: true };
 *   declare module '../../common/i18n.js' { interface MessageKeys extends Keys {} }
 *
 * so `AppError` and `t` refuse a misspelt key at compile time.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface MessageKeys {}
export type MessageKey = Extract<keyof MessageKeys, string>;

/** Registers a module's catalogue and hands it back with its literal keys. */
export function defineMessages<const C extends Catalogue>(catalogue: C): C {
  registerMessages(catalogue);
  return catalogue;
}

export function langFromHeader(header: string | string[] | undefined): Lang {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return 'zh-CN';
  const first = value.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh-CN';
}

/** Translates a key, filling `{name}` placeholders. Unknown keys come back as the key. */
/** Whether a string read from stored data is a registered message key. */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(messages, key);
}

export function t(key: MessageKey, lang: Lang, params: Record<string, string | number> = {}): string {
  const entry = messages[key];
  const template = entry ? (lang === 'en' ? entry.en : entry.zh) : key;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}
