import en from "./locales/en";
import zhCN from "./locales/zh-CN";

export const supportedLngs = ["en", "zh-CN"] as const;
export type Locale = (typeof supportedLngs)[number];
export const fallbackLng: Locale = "en";
export const defaultNS = "common";

export const resources = {
  en: { common: en },
  "zh-CN": { common: zhCN },
};

/** Options shared by the server and the browser instances of i18next. */
export const i18nConfig = {
  supportedLngs: [...supportedLngs],
  fallbackLng,
  defaultNS,
  ns: [defaultNS],
  interpolation: { escapeValue: false },
};

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (supportedLngs as readonly string[]).includes(value);
}
