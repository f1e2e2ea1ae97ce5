/**
 * Text a seller gives in English, in Chinese or in both (docs/domain.md "Two languages"): each reader
 * sees the one in their language, the other when theirs is missing.
 */
export function inLanguage(texts: { en: string | null | undefined; zh: string | null | undefined }, language: string): string {
  const en = texts.en?.trim() || "";
  const zh = texts.zh?.trim() || "";
  return language.startsWith("zh") ? zh || en : en || zh;
}

/** A listing's title in the reader's language. */
export const titleIn = (listing: { title: string; titleEn?: string | null; titleZh?: string | null }, language: string) =>
  inLanguage({ en: listing.titleEn ?? listing.title, zh: listing.titleZh }, language) || listing.title;

/** An organisation's name in the reader's language. */
export const nameIn = (organisation: { name: string; nameZh?: string | null }, language: string) =>
  inLanguage({ en: organisation.name, zh: organisation.nameZh }, language);
