import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { useChangeLanguage } from "remix-i18next/react";
import { awaitingVerification, can } from "../core/identity/access";
import { Header, type HeaderUser } from "./components/header";
import { i18nServer } from "./i18n.server";
import { useNonce } from "./lib/nonce";
import stylesheet from "./tailwind.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "nplex" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const locale = await i18nServer.getLocale(request);
  const { principal } = context;
  const user: HeaderUser | null =
    principal.kind === "user"
      ? {
          displayName: principal.displayName,
          email: principal.email,
          pending: awaitingVerification(principal),
          nav: {
            myListings: can(principal, "seller.listings.read"),
            tapes: can(principal, "asset.manage"),
            organisations: can(principal, "organisation.review"),
            audit: can(principal, "audit.read"),
            review: can(principal, "listing.review"),
            operator: can(principal, "listing.operate"),
            investor: can(principal, "investor.register"),
          },
          unread: await context.services.notifications.unreadCount(principal),
        }
      : null;
  return { locale, user, serverTime: context.services.clock.now().toISOString() };
}

export type RootData = Awaited<ReturnType<typeof loader>>;

export const handle = { i18n: "common" };

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const locale = data?.locale ?? "en";
  const nonce = useNonce();
  // Marks the page as interactive once React has hydrated it (the end-to-end tests wait for it).
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return (
    <html lang={locale} className="h-full">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="min-h-full bg-slate-50 text-slate-900 antialiased">
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const { locale, user } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  useChangeLanguage(locale);
  return (
    <>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:bg-white focus:p-2"
      >
        {t("nav.skip")}
      </a>
      <Header user={user} locale={locale} />
      {user?.pending ? (
        <div role="status" className="border-b border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-900">
          <p className="mx-auto max-w-6xl">{t("banner.pending")}</p>
        </div>
      ) : null}
      <main id="main" className="mx-auto max-w-6xl px-4 py-6 sm:py-8">
        <Outlet />
      </main>
      <footer className="mx-auto max-w-6xl px-4 pb-10 text-xs text-slate-600">
        <p>
          {t("footer.note")} ·{" "}
          <a className="underline" href="/api/v1/openapi.json">
            {t("footer.api")}
          </a>
        </p>
      </footer>
    </>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const data = useRouteLoaderData<typeof loader>("root");
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const title = status === 404 ? t("errors.notFound") : status === 403 ? t("errors.forbidden") : t("errors.title");
  return (
    <>
      {data ? <Header user={data.user} locale={data.locale} /> : null}
      <main id="main" className="mx-auto max-w-xl px-4 py-16 text-center">
        <p className="text-sm font-semibold text-brand-700">{status}</p>
        <h1 className="mt-2 text-2xl font-bold">{title}</h1>
        <p className="mt-6">
          <a href="/" className="text-brand-700 underline">
            {t("errors.back")}
          </a>
        </p>
      </main>
    </>
  );
}
