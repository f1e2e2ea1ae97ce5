import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ConfirmDialog } from "../components/confirm-dialog";
import { DataTable, EmptyState } from "../components/data-table";
import { FormNotice } from "../components/forms";
import { TermsIssues } from "../components/lifecycle-bits";
import { RefusalAlert } from "../components/refusal";
import type { Refusal } from "../lib/refusal";
import { Money, StatusBadge } from "../components/listing-bits";
import { OperatorQueueHeader, WaitingHeading } from "../components/operator-tabs";
import { i18nServer } from "../i18n.server";
import { requirePermission } from "../lib/auth.server";
import { formatDateTime } from "../../core/time";
import { refusalOf } from "../lib/refusal.server";
import { formText } from "../lib/form-data";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} · nplex` : "nplex" }];

/** Personal and operational data: never cached, never restored from the back/forward cache. */
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const principal = requirePermission(context, request, "listing.operate");
  const { queues } = context.services;
  const [approved, suspended, t] = await Promise.all([
    queues.publishQueue(principal),
    queues.operatorListings(principal, ["suspended"]),
    i18nServer.getFixedT(request),
  ]);
  return {
    title: t("operatorQueues.announcements.title"),
    approved: approved.map((l) => ({
      id: l.id,
      title: l.title,
      sellerName: l.sellerName,
      currency: l.currency,
      startingPrice: l.startingPrice.toString(),
      startsAt: iso(l.startsAt),
      endsAt: iso(l.endsAt),
    })),
    suspended: suspended.map((l) => ({ id: l.id, title: l.title, status: l.status, startsAt: iso(l.startsAt) })),
  };
}

const actionSchema = z.object({ intent: z.literal("publish"), listingId: z.string().min(1) });

type ActionResult = {
  intent: string;
  published?: { title: string; announcementEndsAt: string | null; startsAt: string | null };
  refusal?: Refusal;
};

export async function action({ request, context }: ActionFunctionArgs) {
  const principal = requirePermission(context, request, "listing.operate");
  const form = Object.fromEntries(await request.formData());
  const intent = formText(form, "intent");
  try {
    const input = actionSchema.parse(form);
    const listing = await context.services.workflow.publish(principal, input.listingId);
    return data<ActionResult>({
      intent,
      published: { title: listing.title, announcementEndsAt: iso(listing.announcementEndsAt), startsAt: iso(listing.startsAt) },
    });
  } catch (error) {
    const { status, refusal } = refusalOf(error);
    return data<ActionResult>({ intent, refusal }, { status });
  }
}

export default function OperatorAnnouncements() {
  const { approved, suspended } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const date = (value: string | null) =>
    value ? <span className="whitespace-nowrap">{formatDateTime(value, i18n.language)}</span> : "—";
  const published = result?.published;

  return (
    <div className="space-y-6">
      <OperatorQueueHeader queue="announcements" />

      <section aria-labelledby="publish-heading" className="space-y-3">
        <WaitingHeading
          id="publish-heading"
          title={t("operatorQueues.announcements.awaiting")}
          count={approved.length}
          tone="sky"
        />
        <FormNotice
          message={
            published
              ? t("operatorQueues.announcements.published", {
                  title: published.title,
                  ends: published.announcementEndsAt ? formatDateTime(published.announcementEndsAt, i18n.language) : "—",
                  starts: published.startsAt ? formatDateTime(published.startsAt, i18n.language) : "—",
                })
              : null
          }
          focus={result}
        />
        <RefusalAlert refusal={result?.refusal}>
          <TermsIssues refusal={result?.refusal} currency="CNY" />
        </RefusalAlert>
        {approved.length === 0 ? (
          <EmptyState>{t("operatorQueues.announcements.empty")}</EmptyState>
        ) : (
          <DataTable
            caption={t("operatorQueues.announcements.caption", { count: approved.length })}
            captionHidden
            rows={approved}
            rowKey={(l) => l.id}
            columns={[
              {
                key: "title",
                header: t("review.colListing"),
                primary: true,
                className: "md:min-w-56",
                cell: (l) => (
                  <span className="block">
                    <Link to={`/manage/listings/${l.id}`} className="text-brand-700 underline hover:text-brand-900">
                      {l.title}
                    </Link>
                    <span className="block text-xs font-normal text-slate-600">{l.sellerName}</span>
                  </span>
                ),
              },
              {
                key: "start",
                header: t("listing.startingPrice"),
                numeric: true,
                cell: (l) => <Money value={l.startingPrice} currency={l.currency} />,
              },
              { key: "startsAt", header: t("operatorQueues.announcements.plannedStart"), cell: (l) => date(l.startsAt) },
              { key: "endsAt", header: t("operatorQueues.announcements.plannedEnd"), cell: (l) => date(l.endsAt) },
              {
                key: "publish",
                header: t("review.colActions"),
                cell: (l) => (
                  <ConfirmDialog
                    triggerLabel={t("lifecycleAction.publish")}
                    triggerName={t("common.actionOn", { action: t("lifecycleAction.publish"), subject: l.title })}
                    triggerTone="primary"
                    title={t("manage.confirm.publish.title", { title: l.title })}
                    description={<p>{t("manage.confirm.publish.body")}</p>}
                    confirmLabel={t("lifecycleAction.publish")}
                    tone="primary"
                    intent="publish"
                    values={{ listingId: l.id }}
                  />
                ),
              },
            ]}
          />
        )}
      </section>

      <section aria-labelledby="suspended-heading" className="space-y-3">
        <h2 id="suspended-heading" className="text-lg font-semibold">
          {t("operatorQueues.announcements.suspended")}
        </h2>
        <p className="max-w-3xl text-sm text-slate-700">{t("operatorQueues.announcements.suspendedIntro")}</p>
        {suspended.length === 0 ? (
          <EmptyState>{t("operatorQueues.announcements.noSuspended")}</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
            {suspended.map((l) => (
              <li key={l.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-3">
                <Link to={`/manage/listings/${l.id}`} className="text-brand-700 underline hover:text-brand-900">
                  {l.title}
                </Link>
                <span className="flex items-center gap-3 text-sm text-slate-600">
                  <StatusBadge status={l.status} />
                  {l.startsAt
                    ? t("operatorQueues.announcements.startsAt", { date: formatDateTime(l.startsAt, i18n.language) })
                    : null}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
