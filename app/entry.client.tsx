import { RemixBrowser } from "@remix-run/react";
import i18next from "i18next";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider, initReactI18next } from "react-i18next";
import resourcesToBackend from "i18next-resources-to-backend";
import { fallbackLng, i18nConfig } from "./i18n";

async function hydrate() {
  // The server already chose the language and wrote it on <html lang>. Only that language's
  // messages are fetched, each namespace its own chunk; another is fetched when the reader switches.
  await i18next
    .use(initReactI18next)
    .use(resourcesToBackend((lng: string, ns: string) => import(`./locales/${lng}/${ns}.ts`)))
    // Every language has every key (the types say so), so no fallback language is fetched beside it.
    .init({ ...i18nConfig, lng: document.documentElement.lang || fallbackLng, fallbackLng: false, load: "currentOnly" });
  startTransition(() => {
    hydrateRoot(
      document,
      <I18nextProvider i18n={i18next}>
        <StrictMode>
          <RemixBrowser />
        </StrictMode>
      </I18nextProvider>,
    );
  });
}

void hydrate();
