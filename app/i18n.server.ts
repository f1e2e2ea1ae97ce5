import { createCookie } from "@remix-run/node";
import { RemixI18Next } from "remix-i18next/server";
import enAssets from "./locales/en/assets";
import enCommon from "./locales/en/common";
import enInvesting from "./locales/en/investing";
import enManage from "./locales/en/manage";
import enRounds from "./locales/en/rounds";
import enSaleModes from "./locales/en/sale-modes";
import enPackages from "./locales/en/packages";
import enTapes from "./locales/en/tapes";
import enPayments from "./locales/en/payments";
import enClosing from "./locales/en/closing";
import enDataRoom from "./locales/en/data-room";
import zhAssets from "./locales/zh-CN/assets";
import zhCommon from "./locales/zh-CN/common";
import zhInvesting from "./locales/zh-CN/investing";
import zhManage from "./locales/zh-CN/manage";
import zhRounds from "./locales/zh-CN/rounds";
import zhSaleModes from "./locales/zh-CN/sale-modes";
import zhPackages from "./locales/zh-CN/packages";
import zhTapes from "./locales/zh-CN/tapes";
import zhPayments from "./locales/zh-CN/payments";
import zhClosing from "./locales/zh-CN/closing";
import zhDataRoom from "./locales/zh-CN/data-room";
import { fallbackLng, i18nConfig, supportedLngs, type Locale, type Namespace } from "./i18n";

/** Every language's messages, for rendering on the server; the browser loads its reader's language alone. */
export const resources: Record<Locale, Record<Namespace, object>> = {
  en: { common: enCommon, manage: enManage, investing: enInvesting, rounds: enRounds, "sale-modes": enSaleModes, assets: enAssets, tapes: enTapes, packages: enPackages, "data-room": enDataRoom, payments: enPayments, closing: enClosing },
  "zh-CN": { common: zhCommon, manage: zhManage, investing: zhInvesting, rounds: zhRounds, "sale-modes": zhSaleModes, assets: zhAssets, tapes: zhTapes, packages: zhPackages, "data-room": zhDataRoom, payments: zhPayments, closing: zhClosing },
};

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
