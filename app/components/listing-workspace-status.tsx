import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { YesNo } from "./lifecycle-bits";
import { card, useReviewSummary, useWorkspaceFormat, type Workspace } from "./listing-workspace";

/** The approvals the listing needs and has had, and every decision with its reason. */
export function ReviewCard({ listing }: { listing: Workspace }) {
  const { t } = useTranslation();
  const { date, money } = useWorkspaceFormat(listing.currency);
  const { review } = listing;
  const reviewSummary = useReviewSummary(review);
  return (
    <section aria-labelledby="review-heading" className={card}>
      <h2 id="review-heading" className="text-lg font-semibold">
        {t("manage.reviewHeading")}
      </h2>
      <p className="mt-2 text-sm font-medium">{reviewSummary}</p>
      <dl className="mt-3 space-y-1 text-sm">
        <div className="flex justify-between gap-4">
          <dt className="text-slate-600">{t("manage.value")}</dt>
          <dd>{money(listing.value)}</dd>
        </div>
        <div className="flex justify-between gap-4">
          <dt className="text-slate-600">{t("manage.valuation")}</dt>
          <dd>{listing.valuation ? money(listing.valuation) : t("manage.notValued")}</dd>
        </div>
        <div className="flex justify-between gap-4">
          <dt className="text-slate-600">{t("manage.requiredTier")}</dt>
          <dd>{t("manage.tier", { count: review.required.count, role: t(`role.${review.required.role}`) })}</dd>
        </div>
        <div className="flex justify-between gap-4">
          <dt className="text-slate-600">{t("manage.approvalsGiven")}</dt>
          <dd className="tabular-nums">{t("manage.given", { given: review.approvals, required: review.required.count })}</dd>
        </div>
        <div className="flex justify-between gap-4">
          <dt className="text-slate-600">{t("manage.disclosureChecked")}</dt>
          <dd>
            <YesNo value={review.disclosureChecked} />
          </dd>
        </div>
        <div className="flex justify-between gap-4">
          <dt className="text-slate-600">{t("manage.reviewRound")}</dt>
          <dd className="tabular-nums">{review.round}</dd>
        </div>
      </dl>
      <p className="mt-2 text-xs text-slate-600">{t("manage.valueExplain")}</p>
      <h3 className="mt-4 text-sm font-semibold">{t("manage.decisions")}</h3>
      {review.decisions.length === 0 ? (
        <p className="mt-1 text-sm text-slate-600">{t("manage.noDecisions")}</p>
      ) : (
        <ul className="mt-2 space-y-3 text-sm">
          {review.decisions.map((d, index) => (
            <li key={`${d.round}-${d.at}-${index}`} className="border-l-4 border-slate-200 pl-3">
              <p>
                <span className={d.decision === "approved" ? "font-semibold text-emerald-800" : "font-semibold text-rose-800"}>
                  {t(`manage.decision.${d.decision}`)}
                </span>{" "}
                · {d.name} ({t(`role.${d.role}`)})
              </p>
              <p className="text-xs text-slate-600">
                {t("manage.roundAt", { round: d.round })} · {date(d.at)}
              </p>
              {d.reason ? <p className="mt-1 whitespace-pre-line">{d.reason}</p> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The public announcement once published: when, for how long, and links to the public pages. */
export function AnnouncementCard({ listing }: { listing: Workspace }) {
  const { t } = useTranslation();
  const { date } = useWorkspaceFormat(listing.currency);
  return (
    <section aria-labelledby="announcement-heading" className={card}>
      <h2 id="announcement-heading" className="text-lg font-semibold">
        {t("manage.announcementHeading")}
      </h2>
      {listing.announcement ? (
        <>
          <dl className="mt-3 space-y-1 text-sm">
            <div className="flex justify-between gap-4">
              <dt className="text-slate-600">{t("manage.publishedAt")}</dt>
              <dd>{date(listing.announcement.publishedAt)}</dd>
            </div>
            <div className="flex justify-between gap-4">
              <dt className="text-slate-600">{t("manage.announcementEnds")}</dt>
              <dd>{date(listing.announcementEndsAt ?? listing.announcement.endsAt)}</dd>
            </div>
            <div className="flex justify-between gap-4">
              <dt className="text-slate-600">{t("manage.period")}</dt>
              <dd>
                {listing.announcement.workingDays
                  ? t("manage.workingDays", { count: listing.announcement.periodDays })
                  : t("manage.calendarDays", { count: listing.announcement.periodDays })}
              </dd>
            </div>
          </dl>
          <ul className="mt-3 space-y-1 text-sm">
            <li>
              <Link to={`/listings/${listing.id}`} className="text-brand-700 underline">
                {t("manage.publicPage")}
              </Link>
            </li>
            <li>
              <Link to={`/announcements/${listing.id}`} className="text-brand-700 underline">
                {t("manage.announcementPage")}
              </Link>
            </li>
          </ul>
        </>
      ) : (
        <p className="mt-2 text-sm text-slate-700">{t("manage.notAnnounced")}</p>
      )}
    </section>
  );
}

/** Registrations by status and the number of bids: counts only, never who. */
export function RegistrationsCard({ listing }: { listing: Workspace }) {
  const { t } = useTranslation();
  const counts = listing.registrations;
  return (
    <section aria-labelledby="registrations-heading" className={card}>
      <h2 id="registrations-heading" className="text-lg font-semibold">
        {t("manage.registrationsHeading")}
      </h2>
      <dl className="mt-3 space-y-1 text-sm">
        {(["pending", "approved", "rejected", "withdrawn"] as const).map((status) => (
          <div key={status} className="flex justify-between gap-4">
            <dt className="text-slate-600">{t(`manage.registrationStatus.${status}`)}</dt>
            <dd className="tabular-nums">{counts[status] ?? 0}</dd>
          </div>
        ))}
        <div className="flex justify-between gap-4 border-t border-slate-100 pt-1">
          <dt className="text-slate-600">{t("manage.bids")}</dt>
          <dd className="tabular-nums">{listing.bidCount}</dd>
        </div>
      </dl>
      <p className="mt-2 text-xs text-slate-600">{t("manage.countsOnly")}</p>
    </section>
  );
}
