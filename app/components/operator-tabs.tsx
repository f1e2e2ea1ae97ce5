import { NavLink } from "@remix-run/react";
import { useTranslation } from "react-i18next";

const tabs = [
  { to: "/operator/registrations", key: "registrations" },
  { to: "/operator/announcements", key: "announcements" },
  { to: "/operator/objections", key: "objections" },
] as const;

/** The operator's work queues, one page each; the current one is marked for screen readers too. */
export function OperatorTabs() {
  const { t } = useTranslation();
  return (
    <nav aria-label={t("operatorQueues.tabsLabel")} className="border-b border-slate-200">
      <ul className="-mb-px flex flex-wrap gap-1">
        {tabs.map((tab) => (
          <li key={tab.key}>
            <NavLink
              to={tab.to}
              className={({ isActive }) =>
                `inline-block whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium ${
                  isActive
                    ? "border-brand-700 text-brand-900"
                    : "border-transparent text-slate-700 hover:border-slate-300 hover:text-brand-700"
                }`
              }
            >
              {t(`operatorQueues.tab.${tab.key}`)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
