import i18next from "i18next";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { describe, expect, it } from "vitest";
import { WaitNotice } from "../../app/components/wait-notice";
import { i18nConfig, type Locale } from "../../app/i18n";
import { resources } from "../../app/i18n.server";

async function rendered(lng: Locale, seconds: number): Promise<string> {
  const i18n = i18next.createInstance();
  await i18n.use(initReactI18next).init({ ...i18nConfig, resources, lng });
  return renderToStaticMarkup(createElement(I18nextProvider, { i18n }, createElement(WaitNotice, { seconds })));
}

describe("the wait after refused attempts, as the sign-in and sign-up pages show it", () => {
  it.each<[Locale, number, string]>([
    ["en", 1, "Too many attempts. Try again in 1 second."],
    ["en", Number.NaN, "Too many attempts. Try again in 1 second."],
    ["en", 5, "Too many attempts. Try again in 5 seconds."],
    ["en", 119, "Too many attempts. Try again in 119 seconds."],
    ["en", 120, "Too many attempts. Try again in 2 minutes."],
    ["en", 300, "Too many attempts. Try again in 5 minutes."],
    ["en", 3541, "Too many attempts. Try again in 60 minutes."],
    ["zh-CN", 5, "尝试次数过多，请 5 秒后再试。"],
    ["zh-CN", 300, "尝试次数过多，请 5 分钟后再试。"],
  ])("in %s, a wait of %i seconds reads %s, announced as an alert", async (lng, seconds, text) => {
    const html = await rendered(lng, seconds);
    expect(html).toMatch(/^<p role="alert"/);
    expect(html).toContain(`>${text}</p>`);
  });
});
