import { createCookie } from "@remix-run/node";
import { RemixI18Next } from "remix-i18next/server";
import { fallbackLng, i18nConfig, resources, supportedLngs } from "./i18n";

/** The chosen language persists for a year; before a choice, the browser's Accept-Language decides. */
export const localeCookie = createCookie("nplex_lng", { path: "/", sameSite: "lax", httpOnly: true, maxAge: 365 * 86_400 });

export const i18nServer = new RemixI18Next({
  detection: {
    supportedLanguages: [...supportedLngs],
    fallbackLanguage: fallbackLng,
    cookie: localeCookie,
    order: ["cookie", "header"],
  },
  i18next: { ...i18nConfig, resources },
});
