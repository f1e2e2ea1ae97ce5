export const supportedLngs = ["en", "zh-CN"] as const;
export type Locale = (typeof supportedLngs)[number];
export const fallbackLng: Locale = "en";

/**
 * The messages by namespace, one file each under app/locales/<language>/. A key is looked up in
 * `common` and then in each other namespace, so `t("manage.newListing")` needs no namespace
 * named at the call. The server holds every language; a browser loads only its reader's.
 */
export const namespaces = ["common", "manage", "investing", "rounds", "sale-modes", "assets", "tapes", "packages", "data-room", "payments", "closing"] as const;
export type Namespace = (typeof namespaces)[number];
export const defaultNS: Namespace = "common";

/** Options shared by the server and the browser instances of i18next. */
export const i18nConfig = {
  supportedLngs: [...supportedLngs],
  fallbackLng,
  defaultNS,
  ns: [...namespaces],
  fallbackNS: namespaces.filter((ns) => ns !== defaultNS),
  interpolation: { escapeValue: false },
};

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (supportedLngs as readonly string[]).includes(value);
}
