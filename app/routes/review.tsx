import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ConfirmDialog } from "../components/confirm-dialog";
import { DataTable, EmptyState } from "../components/data-table";
import { buttonStyle, FormNotice, TextAreaField } from "../components/forms";
import { TermsIssues, YesNo } from "../components/lifecycle-bits";
import { RefusalAlert } from "../components/refusal";
import type { Refusal } from "../lib/refusal";
import { Money } from "../components/listing-bits";
import { i18nServer } from "../i18n.server";
import { requirePermission } from "../lib/auth.server";
import { formatDateTime } from "../../core/time";
import { refusalOf } from "../lib/refusal.server";
import { formText } from "../lib/form-data";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} · nplex` : "nplex" }];

/** Personal and operational data: never cached, never restored from the back/forward cache. */
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const principal = requirePermission(context, request, "listing.review");
  const [queue, t] = await Promise.all([context.services.queues.reviewQueue(principal), i18nServer.getFixedT(request)]);
  return { title: t("review.title"), queue };
}

const actionSchema = z.object({
  intent: z.enum(["approve", "check_disclosure"]),
  listingId: z.string().min(1),
  reason: z.string().max(2000).optional(),
});

type ActionResult = {
  intent: string;
  notice?: "approved" | "approvedComplete" | "checked" | "checkedComplete";
  subject?: string;
  refusal?: Refusal;
};

export async function action({ request, context }: ActionFunctionArgs) {
  const principal = requirePermission(context, request, "listing.review");
  const { workflow } = context.services;
  const form = Object.fromEntries(await request.formData());
  const intent = formText(form, "intent");
  try {
    const input = actionSchema.parse(form);
    if (input.intent === "approve") {
      const listing = await workflow.approve(principal, input.listingId, { reason: input.reason ?? "" });
      return data<ActionResult>({
        intent,
        notice: listing.status === "approved" ? "approvedComplete" : "approved",
        subject: listing.title,
      });
    }
    const listing = await workflow.checkDisclosure(principal, input.listingId);
    return data<ActionResult>({
      intent,
      notice: listing.status === "approved" ? "checkedComplete" : "checked",
      subject: listing.title,
    });
  } catch (error) {
    const { status, refusal } = refusalOf(error);
    return data<ActionResult>({ intent, refusal }, { status });
  }
}

export default function ReviewQueue() {
  const { queue } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation();

  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{t("review.title")}</h1>
        <p className="mt-2 max-w-3xl text-slate-700">{t("review.intro")}</p>
      </header>
      <div className="space-y-2">
        <FormNotice
          message={result?.notice ? t(`review.notice.${result.notice}`, { title: result.subject }) : null}
          focus={result}
        />
        <RefusalAlert refusal={result?.refusal}>
          <TermsIssues refusal={result?.refusal} currency="CNY" />
        </RefusalAlert>
      </div>
      {queue.length === 0 ? (
        <EmptyState>{t("review.empty")}</EmptyState>
      ) : (
        <DataTable
          caption={t("review.caption", { count: queue.length })}
          rows={queue}
          rowKey={(row) => row.id}
          columns={[
            {
              key: "title",
              header: t("review.colListing"),
              primary: true,
              className: "md:min-w-56",
              cell: (row) => (
                <span className="block">
                  <Link to={`/manage/listings/${row.id}`} className="text-brand-700 underline hover:text-brand-900">
                    {row.title}
                  </Link>
                  <span className="block text-xs font-normal text-slate-600">
                    {t("review.submitted", { date: formatDateTime(row.submittedAt, i18n.language) })}
                  </span>
                  {row.valuationException ? (
                    <span className="mt-1 inline-flex rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900 ring-1 ring-amber-300">
                      {t("review.exception")}
                    </span>
                  ) : null}
                </span>
              ),
            },
            {
              key: "value",
              header: t("review.colValue"),
              numeric: true,
              cell: (row) => (
                <span className="inline-flex flex-col items-end">
                  <Money value={row.value} currency={row.currency} />
                  <span className="text-xs text-slate-600">
                    {t("review.start")} <Money value={row.startingPrice} currency={row.currency} />
                  </span>
                </span>
              ),
            },
            {
              key: "approvals",
              header: t("review.colApprovals"),
              cell: (row) => (
                <span className="inline-flex flex-col items-end md:items-start">
                  <span className="tabular-nums">
                    {t("manage.given", { given: row.approvals, required: row.required.count })}
                  </span>
                  <span className="text-xs text-slate-600">{t(`role.${row.required.role}`)}</span>
                </span>
              ),
            },
            { key: "disclosure", header: t("review.colDisclosure"), cell: (row) => <YesNo value={row.disclosureChecked} /> },
            {
              key: "actions",
              header: t("review.colActions"),
              cell: (row) => (
                <span className="inline-flex flex-wrap justify-end gap-2 md:justify-start">
                  {row.canApprove ? (
                    <ConfirmDialog
                      triggerLabel={t("lifecycleAction.approve")}
                      triggerName={t("common.actionOn", { action: t("lifecycleAction.approve"), subject: row.title })}
                      triggerTone="primary"
                      title={t("manage.confirm.approve.title", { title: row.title })}
                      description={
                        <>
                          <p>{t("manage.confirm.approve.body")}</p>
                          {row.valuationException ? (
                            <p className="mt-2 rounded bg-amber-50 p-2 text-amber-900">
                              {t("review.exceptionReason", { reason: row.valuationException })}
                            </p>
                          ) : null}
                        </>
                      }
                      confirmLabel={t("lifecycleAction.approve")}
                      tone="primary"
                      intent="approve"
                      values={{ listingId: row.id }}
                    >
                      <TextAreaField
                        id={`note-${row.id}`}
                        name="reason"
                        label={t("manage.noteLabel")}
                        hint={t("manage.noteHint")}
                        maxLength={2000}
                      />
                    </ConfirmDialog>
                  ) : null}
                  {row.canCheckDisclosure ? (
                    <ConfirmDialog
                      triggerLabel={t("lifecycleAction.check_disclosure")}
                      triggerName={t("common.actionOn", { action: t("lifecycleAction.check_disclosure"), subject: row.title })}
                      triggerTone="primary"
                      title={t("manage.confirm.check_disclosure.title", { title: row.title })}
                      description={<p>{t("manage.confirm.check_disclosure.body")}</p>}
                      confirmLabel={t("lifecycleAction.check_disclosure")}
                      tone="primary"
                      intent="check_disclosure"
                      values={{ listingId: row.id }}
                    />
                  ) : null}
                  <Link
                    to={`/manage/listings/${row.id}`}
                    className={buttonStyle("secondary", "sm")}
                    aria-label={t("common.actionOn", { action: t("review.open"), subject: row.title })}
                  >
                    {t("review.open")}
                  </Link>
                </span>
              ),
            },
          ]}
        />
      )}
    </div>
  );
}
