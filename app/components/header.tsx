import { Form, NavLink, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { supportedLngs } from "../i18n";

const languageNames: Record<string, string> = { en: "English", "zh-CN": "中文" };

const linkClass = ({ isActive }: { isActive: boolean }) =>
  `whitespace-nowrap rounded px-2 py-1 text-sm font-medium ${isActive ? "bg-brand-50 text-brand-900" : "text-slate-700 hover:text-brand-700"}`;

/** The signed-in person as the header shows them: name, what the menu offers, unread notifications. */
export interface HeaderUser {
  displayName: string;
  email: string;
  pending: boolean;
  nav: Record<"myListings" | "tapes" | "organisations" | "audit" | "review" | "operator" | "investor", boolean>;
  unread: number;
}

export function Header({ user, locale }: { user: HeaderUser | null; locale: string }) {
  const { t } = useTranslation();
  const location = useLocation();
  const here = location.pathname + location.search;
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <a href="/" className="flex items-baseline gap-2">
          <span className="text-xl font-extrabold tracking-tight text-brand-700">{t("brand.name")}</span>
          <span className="hidden text-xs text-slate-600 xl:inline">{t("brand.tagline")}</span>
        </a>
        <nav
          aria-label={t("nav.main")}
          className="order-last flex w-full flex-wrap items-center gap-1 sm:order-none sm:w-auto sm:flex-1"
        >
          <NavLink to="/" end className={linkClass}>
            {t("nav.listings")}
          </NavLink>
          {user?.nav.myListings ? (
            <NavLink to="/seller/listings" className={linkClass}>
              {t("nav.myListings")}
            </NavLink>
          ) : null}
          {user?.nav.myListings ? (
            <NavLink to="/seller/assets" className={linkClass}>
              {t("nav.assets")}
            </NavLink>
          ) : null}
          {user?.nav.tapes ? (
            <NavLink to="/seller/tapes" className={linkClass}>
              {t("nav.tapes")}
            </NavLink>
          ) : null}
          {user?.nav.myListings ? (
            <NavLink to="/seller/packages" className={linkClass}>
              {t("nav.packages")}
            </NavLink>
          ) : null}
          <NavLink to="/announcements" className={linkClass}>
            {t("nav.announcements")}
          </NavLink>
          {user?.nav.investor ? (
            <>
              <NavLink to="/registrations" className={linkClass}>
                {t("nav.registrations")}
              </NavLink>
              <NavLink to="/watchlist" className={linkClass}>
                {t("nav.watchlist")}
              </NavLink>
            </>
          ) : null}
          {user?.nav.review ? (
            <NavLink to="/review" className={linkClass}>
              {t("nav.review")}
            </NavLink>
          ) : null}
          {user?.nav.operator ? (
            <NavLink to="/operator/registrations" className={linkClass}>
              {t("nav.operatorQueues")}
            </NavLink>
          ) : null}
          {user?.nav.organisations ? (
            <NavLink to="/operator/organisations" className={linkClass}>
              {t("nav.organisations")}
            </NavLink>
          ) : null}
          {user?.nav.audit ? (
            <NavLink to="/operator/audit" className={linkClass}>
              {t("nav.audit")}
            </NavLink>
          ) : null}
        </nav>
        <div className="ml-auto flex items-center gap-3 sm:ml-0">
          <Form method="post" action="/locale" className="flex items-center gap-1" aria-label={t("nav.language")}>
            <input type="hidden" name="redirectTo" value={here} />
            {supportedLngs.map((lng) => (
              <button
                key={lng}
                type="submit"
                name="locale"
                value={lng}
                lang={lng}
                aria-pressed={lng === locale}
                className={`whitespace-nowrap rounded px-2 py-1 text-sm ${lng === locale ? "bg-slate-900 text-white" : "text-slate-700 hover:bg-slate-100"}`}
              >
                {languageNames[lng]}
              </button>
            ))}
          </Form>
          {user ? (
            <>
              <NavLink to="/notifications" className={linkClass} aria-label={t("nav.notificationsCount", { count: user.unread })}>
                {t("nav.notifications")}
                {user.unread > 0 ? (
                  <span className="ml-1 rounded-full bg-rose-600 px-1.5 text-xs font-semibold text-white">{user.unread}</span>
                ) : null}
              </NavLink>
              <NavLink to="/account" className={linkClass}>
                {user.displayName}
              </NavLink>
              <Form method="post" action="/signout">
                <button type="submit" className="whitespace-nowrap rounded px-2 py-1 text-sm text-slate-700 hover:bg-slate-100">
                  {t("nav.signOut")}
                </button>
              </Form>
            </>
          ) : (
            <>
              <NavLink to="/signin" className={linkClass}>
                {t("nav.signIn")}
              </NavLink>
              <a href="/signup" className="rounded bg-brand-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-900">
                {t("nav.signUp")}
              </a>
            </>
          )}
        </div>
      </div>
    </header>
  );
}
