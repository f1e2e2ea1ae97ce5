import { Form, Link, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { ListingLifecycle } from "./lifecycle.server";
import { buttonStyle } from "../../components/forms";
import { useDates } from "../../components/investing-bits";
import { formText } from "../../lib/form-data";

/** A suspended listing says so above everything else, with the operator's reason. */
export function SuspendedBanner({ suspension }: { suspension: ListingLifecycle["suspension"] }) {
  const { t } = useTranslation();
  if (!suspension) return null;
  return (
    <div className="mt-4 rounded-lg border border-amber-400 bg-amber-50 px-4 py-3 text-amber-950" data-testid="suspended-banner">
      <p className="font-semibold">{t("investing.listing.suspendedTitle")}</p>
      {suspension.reason ? <p className="mt-1">{t("investing.listing.suspendedReason", { reason: suspension.reason })}</p> : null}
      <p className="mt-1 text-sm">{t("investing.listing.suspendedBody")}</p>
    </div>
  );
}

function RegistrationStanding({ listingId, lifecycle }: { listingId: string; lifecycle: ListingLifecycle }) {
  const { t } = useTranslation();
  const { registration, registrationOpen, investor, signedIn } = lifecycle;
  const registerLink = (label: string) => (
    <Link to={`/listings/${listingId}/register`} className={`${buttonStyle("primary")} w-full`}>
      {label}
    </Link>
  );
  if (!signedIn) return null;
  if (!investor)
    return registrationOpen ? <p className="text-sm text-slate-600">{t("investing.listing.investorsOnly")}</p> : null;
  if (!registration) {
    if (!registrationOpen) return null;
    return (
      <div className="space-y-2">
        {registerLink(t("investing.listing.registerCta"))}
        <p className="text-xs text-slate-600">{t("investing.listing.registerHint")}</p>
      </div>
    );
  }
  const again = registration.status === "rejected" || registration.status === "withdrawn";
  const tone =
    registration.status === "approved"
      ? "border-emerald-300 bg-emerald-50 text-emerald-950"
      : registration.status === "pending"
        ? "border-amber-300 bg-amber-50 text-amber-950"
        : "border-slate-200 bg-slate-50 text-slate-800";
  const message =
    registration.status === "approved"
      ? t("investing.listing.registrationApproved", { code: registration.bidderCode ?? "?" })
      : registration.status === "pending"
        ? t("investing.listing.registrationPending")
        : registration.status === "rejected"
          ? t("investing.listing.registrationRejected")
          : t("investing.listing.registrationWithdrawn");
  return (
    <div className="space-y-2">
      <div className={`rounded-md border px-3 py-2 text-sm ${tone}`} data-testid="my-registration">
        <h3 className="font-semibold">{t("investing.listing.registrationHeading")}</h3>
        <p className="mt-1">{message}</p>
        {registration.decisionReason && registration.status === "rejected" ? (
          <p className="mt-1">{t("investing.listing.reason", { reason: registration.decisionReason })}</p>
        ) : null}
        <p className="mt-1">
          <Link to="/registrations" className="underline">
            {t("investing.listing.manageRegistrations")}
          </Link>
        </p>
      </div>
      {again && registrationOpen ? registerLink(t("investing.listing.registerAgain")) : null}
    </div>
  );
}

function WatchForm({ watching }: { watching: boolean }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const busy =
    navigation.state !== "idle" &&
    ["watch", "unwatch"].includes(navigation.formData ? formText(navigation.formData, "intent") : "");
  return (
    <Form method="post" preventScrollReset className="space-y-1">
      <button
        type="submit"
        name="intent"
        value={watching ? "unwatch" : "watch"}
        disabled={busy}
        className={`${buttonStyle("secondary")} w-full`}
        data-testid="watch-button"
      >
        {watching ? t("investing.listing.unwatch") : t("investing.listing.watch")}
      </button>
      <p className="text-xs text-slate-600">{watching ? t("investing.listing.watching") : t("investing.listing.watchHint")}</p>
    </Form>
  );
}

/** What a visitor can do about this listing besides bidding: register, watch, read the announcement, object. */
export function ParticipationPanel({
  listingId,
  lifecycle,
  notice,
}: {
  listingId: string;
  lifecycle: ListingLifecycle;
  notice?: string | null;
}) {
  const { t } = useTranslation();
  const { dateTime } = useDates();
  const { periodEndsAt, periodOver, objectionOpen, hasAnnouncement } = lifecycle;
  return (
    <section aria-labelledby="participate-heading" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="participate-heading" className="font-semibold">
        {t("investing.listing.participate")}
      </h2>
      {notice ? (
        <p role="status" className="rounded border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
          {notice}
        </p>
      ) : null}
      <RegistrationStanding listingId={listingId} lifecycle={lifecycle} />
      {lifecycle.signedIn ? (
        <WatchForm watching={lifecycle.watching} />
      ) : (
        <p className="text-sm">
          <Link to={`/signin?redirectTo=${encodeURIComponent(`/listings/${listingId}`)}`} className="text-brand-700 underline">
            {t("investing.listing.signInToWatch")}
          </Link>
        </p>
      )}
      {hasAnnouncement ? (
        <div className="border-t border-slate-100 pt-3 text-sm">
          <Link to={`/announcements/${listingId}`} className="font-medium text-brand-700 underline">
            {t("investing.listing.readAnnouncement")}
          </Link>
          {periodEndsAt ? (
            <p className="mt-1 text-slate-700" data-testid="period-end">
              {periodOver
                ? t("investing.listing.periodEnded", { date: dateTime(periodEndsAt) })
                : t("investing.listing.periodEnds", { date: dateTime(periodEndsAt) })}
            </p>
          ) : null}
        </div>
      ) : null}
      {objectionOpen ? (
        <div className="text-sm">
          <Link to={`/listings/${listingId}/objection`} className={`${buttonStyle("secondary", "sm")} w-full`}>
            {t("investing.listing.fileObjection")}
          </Link>
          <p className="mt-1 text-xs text-slate-600">{t("investing.listing.objectionHint")}</p>
        </div>
      ) : null}
    </section>
  );
}

/** The public record of objections: when filed and how decided, never by whom. */
export function ObjectionOutcomes({ outcomes }: { outcomes: ListingLifecycle["outcomes"] }) {
  const { t } = useTranslation();
  const { date } = useDates();
  if (outcomes.length === 0) return null;
  return (
    <section aria-labelledby="objections-heading">
      <h2 id="objections-heading" className="text-lg font-semibold">
        {t("objection.outcomes.heading")}
      </h2>
      <p className="mt-1 text-sm text-slate-600">{t("objection.outcomes.intro")}</p>
      <ul className="mt-3 space-y-2" data-testid="objection-outcomes">
        {outcomes.map((o) => (
          <li key={o.id} className="rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm">
            <p>
              {t("objection.outcomes.filed", { date: date(o.filedAt) })}
              {t("auction.colon")}
              <strong className={o.status === "upheld" ? "text-rose-800" : o.status === "dismissed" ? "" : "text-amber-800"}>
                {t(`objection.outcomes.${o.status}`)}
              </strong>
              {o.decidedAt ? ` · ${t("objection.outcomes.decidedOn", { date: date(o.decidedAt) })}` : null}
            </p>
            {o.decisionReason ? (
              <p className="mt-1 text-slate-700">{t("objection.outcomes.reason", { reason: o.decisionReason })}</p>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** How the listing moved through its public life: who acted by function, never by name. */
export function PublicTimeline({ entries }: { entries: ListingLifecycle["timeline"] }) {
  const { t } = useTranslation();
  const { dateTime } = useDates();
  return (
    <section aria-labelledby="timeline-heading">
      <h2 id="timeline-heading" className="text-lg font-semibold">
        {t("investing.timeline.heading")}
      </h2>
      {entries.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">{t("investing.timeline.empty")}</p>
      ) : (
        <ol className="mt-3 space-y-3 border-l-2 border-slate-200 pl-4" aria-label={t("investing.timeline.caption")}>
          {entries.map((entry) => (
            <li key={entry.seq} className="relative text-sm">
              <span aria-hidden className="absolute top-1.5 -left-[1.4rem] h-2.5 w-2.5 rounded-full bg-brand-700" />
              <p>
                <time dateTime={entry.at} className="text-slate-600">
                  {dateTime(entry.at)}
                </time>
                {" · "}
                <strong>
                  {t(`investing.timeline.action.${entry.action.replace(".", "_")}`, { defaultValue: entry.action })}
                </strong>
                {" · "}
                <span className="text-slate-600">
                  {t(`investing.timeline.actor.${entry.actor}`, { defaultValue: entry.actor })}
                </span>
              </p>
              {entry.reason ? (
                <p className="mt-0.5 text-slate-700">{t("objection.outcomes.reason", { reason: entry.reason })}</p>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
