import { NavLink } from "@remix-run/react";
import { useTranslation } from "react-i18next";

const tabs = [
  { to: "/operator/registrations", key: "registrations" },
  { to: "/operator/announcements", key: "announcements" },
  { to: "/operator/objections", key: "objections" },
  { to: "/operator/payments", key: "payments" },
  { to: "/operator/closing", key: "closing" },
  { to: "/operator/mail", key: "mail" },
] as const;

/** The operator's work queues, one page each; the current one is marked for screen readers too. */
function OperatorTabs() {
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

/** A queue page's header: its title, the tabs to the other queues, and what the queue is for. */
export function OperatorQueueHeader({ queue }: { queue: (typeof tabs)[number]["key"] }) {
  const { t } = useTranslation();
  return (
    <header className="space-y-4">
      <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{t(`operatorQueues.${queue}.title`)}</h1>
      <OperatorTabs />
      <p className="max-w-3xl text-slate-700">{t(`operatorQueues.${queue}.intro`)}</p>
    </header>
  );
}

/** A queue section's heading with how many wait in it; amber where someone waits on the operator, sky where a step is due. */
export function WaitingHeading({
  id,
  title,
  count,
  tone = "amber",
}: {
  id: string;
  title: string;
  count: number;
  tone?: "amber" | "sky";
}) {
  const { t } = useTranslation();
  const colours = tone === "amber" ? "bg-amber-100 text-amber-900 ring-amber-300" : "bg-sky-100 text-sky-900 ring-sky-300";
  return (
    <h2 id={id} className="flex items-center gap-2 text-lg font-semibold">
      {title}
      <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ${colours}`}>
        {t("operatorQueues.waiting", { count })}
      </span>
    </h2>
  );
}
