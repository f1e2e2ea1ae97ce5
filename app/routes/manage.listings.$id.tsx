import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { AppError } from "../../server/errors";
import { can } from "../../server/identity/rules";
import { ConfirmDialog } from "../components/ConfirmDialog";
import { DataTable } from "../components/DataTable";
import { buttonStyle, FormNotice, TextAreaField } from "../components/forms";
import { RefusalAlert, YesNo, type Refusal } from "../components/lifecycle-bits";
import { Money, StatusBadge } from "../components/listing-bits";
import { i18nServer } from "../i18n.server";
import { requirePermission } from "../lib/auth.server";
import { formatDateTime } from "../lib/format";
import { refusalOf } from "../lib/refusal.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} · nplex` : "nplex" }];

/** Personal and operational data: never cached, never restored from the back/forward cache. */
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const principal = requirePermission(context, request, "account.manage");
  const [listing, t] = await Promise.all([
    context.services.workspace.workspace(principal, params.id ?? "").catch((error: unknown) => {
      // Outsiders learn nothing of a private listing: the same answer as for one that does not exist.
      if (AppError.is(error) && error.code === "NOT_FOUND") throw new Response("Not found", { status: 404 });
      throw error;
    }),
    i18nServer.getFixedT(request),
  ]);
  // The objector stays private (DOMAIN.md): only operators, who decide objections, see who filed one.
  const operator = can(principal, "listing.operate");
  const timeline = listing.timeline.map((entry) =>
    entry.action === "objection.filed" && !operator ? { ...entry, actor: "objector" } : entry,
  );
  const backTo = can(principal, "seller.listings.read", listing.seller.id)
    ? "/seller/listings"
    : operator
      ? "/operator/announcements"
      : "/review";
  return { title: listing.title, listing: { ...listing, timeline }, backTo };
}

/** The actions this page posts, each to one workflow method. */
const intents = ["submit", "approve", "check_disclosure", "return", "publish", "suspend", "resume", "withdraw"] as const;
type Intent = (typeof intents)[number];
const actionSchema = z.object({ intent: z.enum(intents), reason: z.string().max(2000).optional() });

type ActionResult = { intent: string; notice?: Intent; refusal?: Refusal };

export async function action({ request, context, params }: ActionFunctionArgs) {
  const principal = requirePermission(context, request, "account.manage");
  const { workflow } = context.services;
  const id = params.id ?? "";
  const form = Object.fromEntries(await request.formData());
  const intent = String(form.intent ?? "");
  try {
    const input = actionSchema.parse(form);
    const reason = { reason: input.reason ?? "" };
    switch (input.intent) {
      case "submit":
        await workflow.submit(principal, id);
        break;
      case "approve":
        await workflow.approve(principal, id, reason);
        break;
      case "check_disclosure":
        await workflow.checkDisclosure(principal, id);
        break;
      case "return":
        await workflow.returnForChanges(principal, id, reason);
        break;
      case "publish":
        await workflow.publish(principal, id);
        break;
      case "suspend":
        await workflow.suspend(principal, id, reason);
        break;
      case "resume":
        await workflow.resume(principal, id, reason);
        break;
      case "withdraw":
        await workflow.withdraw(principal, id, reason);
        break;
    }
    return data<ActionResult>({ intent, notice: input.intent });
  } catch (error) {
    const { status, refusal } = refusalOf(error);
    if (refusal.code === "NOT_FOUND") throw new Response("Not found", { status: 404 });
    return data<ActionResult>({ intent, refusal }, { status });
  }
}

/** Actions that must say why: the reason is recorded and shown on the timeline. */
const reasonRequired = new Set<string>(["return", "suspend", "resume", "withdraw"]);
const dangerous = new Set<string>(["return", "suspend", "withdraw"]);
const card = "rounded-lg border border-slate-200 bg-white p-4 sm:p-6";

export default function ListingWorkspace() {
  const { listing, backTo } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const date = (iso: string | null) =>
    iso ? <span className="whitespace-nowrap">{formatDateTime(iso, i18n.language)}</span> : "—";
  const money = (value: string | null) => <Money value={value} currency={listing.currency} />;
  const { review } = listing;
  const roleNoun = t(`manage.roleNoun.${review.required.role}`, { defaultValue: review.required.role });
  const reviewSummary = t("manage.reviewSummary", {
    count: review.required.count,
    role: roleNoun,
    given: review.approvals,
    disclosure: review.disclosureChecked ? t("manage.yes") : t("manage.no"),
  });
  const actions = listing.allowed.filter((a) => a === "edit" || (intents as readonly string[]).includes(a));
  const counts = listing.registrations;

  const fact = (label: string, value: ReactNode, extra?: ReactNode) => (
    <div className="grid gap-1 border-b border-slate-100 py-2 text-sm sm:grid-cols-[14rem_1fr] sm:gap-4">
      <dt className="text-slate-600">{label}</dt>
      <dd>
        {value}
        {extra}
      </dd>
    </div>
  );

  return (
    <article className="space-y-6">
      <p className="text-sm">
        <Link to={backTo} className="text-brand-700 underline">
          ← {t(`manage.back.${backTo.split("/").pop()}`)}
        </Link>
      </p>
      <header>
        <div className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
          <StatusBadge status={listing.status} />
          <span>
            {t(`mode.${listing.mode}`)} · {listing.seller.name}
          </span>
        </div>
        <h1 className="mt-2 text-2xl font-bold tracking-tight sm:text-3xl">{listing.title}</h1>
        {listing.summary ? <p className="mt-1 max-w-3xl whitespace-pre-line text-slate-700">{listing.summary}</p> : null}
        {listing.status === "suspended" && listing.suspendedFrom ? (
          <p className="mt-3 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
            {t("manage.suspendedFrom", { status: t(`status.${listing.suspendedFrom}`) })}
          </p>
        ) : null}
      </header>

      <section aria-labelledby="actions-heading" className={card}>
        <h2 id="actions-heading" className="text-lg font-semibold">
          {t("manage.actionsHeading")}
        </h2>
        <div className="mt-3 space-y-2">
          <FormNotice message={result?.notice ? t(`manage.done.${result.notice}`) : null} focus={result} />
          <RefusalAlert refusal={result?.refusal} currency={listing.currency} />
        </div>
        {actions.length === 0 ? (
          <p className="mt-2 text-sm text-slate-700">{t("manage.noActions")}</p>
        ) : (
          <div className="mt-3 flex flex-wrap gap-2">
            {actions.map((action) =>
              action === "edit" ? (
                <Link key={action} to={`/manage/listings/${listing.id}/edit`} className={buttonStyle("secondary", "sm")}>
                  {t("lifecycleAction.edit")}
                </Link>
              ) : (
                <ConfirmDialog
                  key={action}
                  triggerLabel={t(`lifecycleAction.${action}`)}
                  triggerTone={dangerous.has(action) ? "secondary" : "primary"}
                  title={t(`manage.confirm.${action}.title`, { title: listing.title })}
                  description={
                    <>
                      <p>{t(`manage.confirm.${action}.body`)}</p>
                      {action === "approve" ? <p className="mt-2">{reviewSummary}</p> : null}
                    </>
                  }
                  confirmLabel={t(`lifecycleAction.${action}`)}
                  tone={dangerous.has(action) ? "danger" : "primary"}
                  intent={action}
                >
                  {action === "approve" ? (
                    <TextAreaField
                      id="reason-approve"
                      name="reason"
                      label={t("manage.noteLabel")}
                      hint={t("manage.noteHint")}
                      maxLength={2000}
                    />
                  ) : reasonRequired.has(action) ? (
                    <TextAreaField
                      id={`reason-${action}`}
                      name="reason"
                      label={t("manage.reasonLabel")}
                      hint={t("manage.reasonHint")}
                      required
                      maxLength={2000}
                    />
                  ) : null}
                </ConfirmDialog>
              ),
            )}
          </div>
        )}
      </section>

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <section aria-labelledby="terms-heading" className={card}>
            <h2 id="terms-heading" className="text-lg font-semibold">
              {t("manage.termsHeading")}
            </h2>
            <p className="mt-1 text-sm text-slate-600">{t("manage.termsVersion", { version: listing.termsVersion })}</p>
            <dl className="mt-3">
              {fact(t("terms.label.mode"), t(`mode.${listing.mode}`))}
              {fact(t("listing.startingPrice"), money(listing.startingPrice))}
              {fact(
                t("manage.reserve"),
                listing.reservePrice ? (
                  money(listing.reservePrice)
                ) : (
                  <span className="text-slate-600">{t("manage.noReserve")}</span>
                ),
                listing.reservePrice ? (
                  <span className="ml-2 inline-flex rounded-full bg-slate-100 px-2 py-0.5 text-xs font-semibold text-slate-800 ring-1 ring-slate-300">
                    {t("manage.hiddenFromPublic")}
                  </span>
                ) : null,
              )}
              {fact(t("listing.increment"), money(listing.increment))}
              {fact(t("listing.deposit"), money(listing.deposit))}
              {fact(t("manage.biddingStarts"), date(listing.startsAt))}
              {fact(t("manage.biddingEnds"), date(listing.endsAt))}
              {fact(
                t("manage.antiSniping"),
                <>
                  {t("listing.antiSniping", {
                    window: listing.antiSnipingWindowMinutes,
                    extension: listing.antiSnipingExtensionMinutes,
                  })}
                  {t("manage.sentenceJoin")}
                  {listing.maxExtensions
                    ? t("manage.maxExtensions", { count: listing.maxExtensions })
                    : t("manage.noExtensionLimit")}
                </>,
              )}
              {fact(t("terms.label.balanceDueDays"), t("manage.days", { count: listing.balanceDueDays }))}
              {fact(
                t("manage.rofrHolders"),
                listing.rightOfFirstRefusalHolders.length === 0 ? (
                  <span className="text-slate-600">{t("manage.none")}</span>
                ) : (
                  <ol className="space-y-0.5">
                    {[...listing.rightOfFirstRefusalHolders]
                      .sort((a, b) => a.rank - b.rank)
                      .map((h) => (
                        <li key={`${h.rank}-${h.name}`}>{t("manage.rofrHolder", { rank: h.rank, name: h.name })}</li>
                      ))}
                  </ol>
                ),
              )}
              {fact(
                t("terms.label.specialTerms"),
                listing.specialTerms ? (
                  <span className="whitespace-pre-line">{listing.specialTerms}</span>
                ) : (
                  <span className="text-slate-600">{t("manage.none")}</span>
                ),
              )}
            </dl>
            {listing.valuationExceptionReason ? (
              <div className="mt-4 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
                <p className="font-semibold">{t("manage.valuationException")}</p>
                <p className="mt-1 whitespace-pre-line">{listing.valuationExceptionReason}</p>
              </div>
            ) : null}
          </section>

          <section aria-labelledby="lots-heading" className={card}>
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h2 id="lots-heading" className="text-lg font-semibold">
                {t("listing.lots")}
              </h2>
              <span className="text-sm text-slate-600">{t("listing.lotCount", { count: listing.lots.length })}</span>
            </div>
            <ul className="mt-3 divide-y divide-slate-100">
              {listing.lots.map((lot) => (
                <li key={lot.id} className="py-2 text-sm">
                  <p className="font-medium">{lot.title}</p>
                  <p className="text-slate-600">
                    {t(`kind.${lot.kind}`)}
                    {lot.region ? ` · ${lot.region}` : ""}
                  </p>
                  <dl className="mt-1 flex flex-wrap gap-x-6 gap-y-1">
                    {lot.principal ? (
                      <div className="flex gap-2">
                        <dt className="text-slate-600">{t("listing.principal")}</dt>
                        <dd>{money(lot.principal)}</dd>
                      </div>
                    ) : null}
                    <div className="flex gap-2">
                      <dt className="text-slate-600">{t("listing.appraised")}</dt>
                      <dd>{lot.appraisedValue ? money(lot.appraisedValue) : t("manage.notValued")}</dd>
                    </div>
                  </dl>
                </li>
              ))}
            </ul>
          </section>
        </div>

        <div className="space-y-6">
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
                <dd className="tabular-nums">
                  {t("manage.given", { given: review.approvals, required: review.required.count })}
                </dd>
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
                      <span
                        className={d.decision === "approved" ? "font-semibold text-emerald-800" : "font-semibold text-rose-800"}
                      >
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
        </div>
      </div>

      <section aria-labelledby="timeline-heading">
        <h2 id="timeline-heading" className="text-lg font-semibold">
          {t("manage.timelineHeading")}
        </h2>
        <div className="mt-3">
          {listing.timeline.length === 0 ? (
            <p className="text-sm text-slate-600">{t("manage.timelineEmpty")}</p>
          ) : (
            <DataTable
              caption={t("manage.timelineCaption", { count: listing.timeline.length })}
              rows={listing.timeline}
              rowKey={(e) => String(e.seq)}
              columns={[
                { key: "at", header: t("manage.colWhen"), cell: (e) => date(e.at) },
                {
                  key: "action",
                  header: t("manage.colWhat"),
                  primary: true,
                  cell: (e) => (
                    <span className="block">
                      {t(`manage.event.${e.action}`, { defaultValue: e.action })}
                      {e.reason ? (
                        <span className="mt-0.5 block text-xs font-normal whitespace-pre-line text-slate-700">
                          {t("manage.reasonGiven", { reason: e.reason })}
                        </span>
                      ) : null}
                    </span>
                  ),
                },
                {
                  key: "actor",
                  header: t("manage.colWho"),
                  cell: (e) => (
                    <span className="[overflow-wrap:anywhere]">
                      {e.actor === "objector"
                        ? t("manage.objectorHidden")
                        : e.actor.startsWith("system")
                          ? t("manage.system")
                          : e.actor}
                    </span>
                  ),
                },
                {
                  key: "status",
                  header: t("manage.colStatusAfter"),
                  cell: (e) => (e.status ? <StatusBadge status={e.status} /> : "—"),
                },
              ]}
            />
          )}
        </div>
      </section>
    </article>
  );
}
