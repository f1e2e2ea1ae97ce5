import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ConfirmDialog } from "../components/confirm-dialog";
import { FormNotice, TextAreaField } from "../components/forms";
import { TermsIssues } from "../components/lifecycle-bits";
import { RefusalAlert } from "../components/refusal";
import type { Refusal } from "../lib/refusal";
import { StatusBadge } from "../components/listing-bits";
import { OperatorQueueHeader, WaitingHeading } from "../components/operator-tabs";
import { i18nServer } from "../i18n.server";
import { requirePermission } from "../lib/auth.server";
import { formatDateTime } from "../../core/time";
import { refusalOf } from "../lib/refusal.server";
import { formText } from "../lib/form-data";
import { EmptyState } from "../components/data-table";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} · nplex` : "nplex" }];

/** Objectors' identities: never cached, never restored from the back/forward cache. */
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const principal = requirePermission(context, request, "listing.operate");
  const [queue, t] = await Promise.all([context.services.objections.queue(principal), i18nServer.getFixedT(request)]);
  return {
    title: t("operatorQueues.objections.title"),
    queue: queue.map((o) => ({ ...o, filedAt: o.filedAt.toISOString() })),
  };
}

const actionSchema = z.object({
  intent: z.literal("decide"),
  objectionId: z.string().min(1),
  decision: z.enum(["uphold", "dismiss"]),
  reason: z.string().max(4000).optional(),
});

type ActionResult = { intent: string; notice?: "upheld" | "dismissed"; subject?: string; refusal?: Refusal };

export async function action({ request, context }: ActionFunctionArgs) {
  const principal = requirePermission(context, request, "listing.operate");
  const form = Object.fromEntries(await request.formData());
  const intent = formText(form, "intent");
  const subject = typeof form.subject === "string" ? form.subject : undefined;
  try {
    const input = actionSchema.parse(form);
    const decided = await context.services.objections.decide(principal, input.objectionId, {
      decision: input.decision,
      reason: input.reason ?? "",
    });
    return data<ActionResult>({ intent, notice: decided.status === "upheld" ? "upheld" : "dismissed", subject });
  } catch (error) {
    const { status, refusal } = refusalOf(error);
    return data<ActionResult>({ intent, refusal, subject }, { status });
  }
}

const card = "rounded-lg border border-slate-200 bg-white p-4 sm:p-6";

export default function OperatorObjections() {
  const { queue } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation();

  return (
    <div className="space-y-6">
      <OperatorQueueHeader queue="objections" />

      <section aria-labelledby="open-heading" className="space-y-3">
        <WaitingHeading id="open-heading" title={t("operatorQueues.objections.open")} count={queue.length} />
        <FormNotice
          message={result?.notice ? t(`operatorQueues.objections.${result.notice}Notice`, { title: result.subject }) : null}
          focus={result}
        />
        {result?.refusal?.code === "VALIDATION_FAILED" ? (
          <p role="alert" className="rounded border border-rose-300 bg-rose-50 px-3 py-2 text-sm text-rose-800">
            {t("operatorQueues.objections.reasonTooShort")}
          </p>
        ) : (
          <RefusalAlert refusal={result?.refusal}>
            <TermsIssues refusal={result?.refusal} currency="CNY" />
          </RefusalAlert>
        )}
        {queue.length === 0 ? (
          <EmptyState>{t("operatorQueues.objections.empty")}</EmptyState>
        ) : (
          <ul className="space-y-4">
            {queue.map((o) => (
              <li key={o.id} className={card}>
                <article aria-labelledby={`objection-${o.id}`}>
                  <h3 id={`objection-${o.id}`} className="flex flex-wrap items-center gap-2 text-base font-semibold">
                    <Link to={`/manage/listings/${o.listingId}`} className="text-brand-700 underline hover:text-brand-900">
                      {o.listingTitle}
                    </Link>
                    <StatusBadge status={o.listingStatus} />
                  </h3>
                  <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
                    <dt className="text-slate-600">{t("operatorQueues.objections.objector")}</dt>
                    <dd className="break-all">{o.objector}</dd>
                    <dt className="text-slate-600">{t("operatorQueues.objections.filedAt")}</dt>
                    <dd>{formatDateTime(o.filedAt, i18n.language)}</dd>
                  </dl>
                  <h4 className="mt-3 text-sm font-semibold">{t("operatorQueues.objections.reasons")}</h4>
                  <blockquote className="mt-1 border-l-4 border-slate-200 pl-3 text-sm whitespace-pre-line text-slate-800">
                    {o.reasons}
                  </blockquote>
                  <div className="mt-4 flex flex-wrap gap-2 border-t border-slate-100 pt-4">
                    {(["uphold", "dismiss"] as const).map((decision) => {
                      const verb = t(`operatorQueues.objections.${decision}`);
                      return (
                        <ConfirmDialog
                          key={decision}
                          triggerLabel={verb}
                          triggerName={t("common.actionOn", { action: verb, subject: o.listingTitle })}
                          triggerTone={decision === "uphold" ? "primary" : "secondary"}
                          title={t(`operatorQueues.objections.${decision}Title`, { title: o.listingTitle })}
                          description={<p>{t(`operatorQueues.objections.${decision}Body`)}</p>}
                          confirmLabel={verb}
                          tone={decision === "uphold" ? "danger" : "primary"}
                          intent="decide"
                          values={{ objectionId: o.id, decision, subject: o.listingTitle }}
                        >
                          <TextAreaField
                            id={`${decision}-reason-${o.id}`}
                            name="reason"
                            label={t("operatorQueues.objections.reason")}
                            hint={t("operatorQueues.objections.reasonHint")}
                            required
                            minLength={5}
                            maxLength={4000}
                          />
                        </ConfirmDialog>
                      );
                    })}
                  </div>
                </article>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
