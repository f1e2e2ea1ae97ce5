import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ConfirmDialog } from "../components/confirm-dialog";
import { Field, FormNotice, TextAreaField } from "../components/forms";
import { TermsIssues } from "../components/lifecycle-bits";
import { RefusalAlert } from "../components/refusal";
import type { Refusal } from "../lib/refusal";
import { OperatorQueueHeader, WaitingHeading } from "../components/operator-tabs";
import { matchedByIdNumber } from "../../core/screening";
import { i18nServer } from "../i18n.server";
import { requirePermission } from "../lib/auth.server";
import { formatDateTime } from "../../core/time";
import { AppError, refusalOf } from "../lib/refusal.server";
import { formText } from "../lib/form-data";
import { EmptyState } from "../components/data-table";
import { DepositBadge } from "../components/deposit-bits";
import { depositForPage } from "../lib/payments.server";
import { currencyDigits, formatMoney, minorToMajorInput, parseMajorAmount } from "../../core/money";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} · nplex` : "nplex" }];

/** Applicants' names and ID numbers: never cached, never restored from the back/forward cache. */
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const principal = requirePermission(context, request, "listing.operate");
  const [queue, t] = await Promise.all([context.services.registrations.queue(principal), i18nServer.getFixedT(request)]);
  return {
    title: t("operatorQueues.registrations.title"),
    queue: queue.map((r) => ({
      ...r,
      deposit: depositForPage(r.deposit),
      termsAcceptedAt: r.termsAcceptedAt ? r.termsAcceptedAt.toISOString() : null,
      createdAt: r.createdAt.toISOString(),
    })),
  };
}

const actionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("confirmDeposit"),
    registrationId: z.string().min(1),
    currency: z.string().regex(/^[A-Z]{3}$/),
    amount: z.string().max(40),
    bankReference: z.string().max(200),
    bookedOn: z.string().max(20).optional(),
  }),
  z.object({
    intent: z.literal("decide"),
    registrationId: z.string().min(1),
    decision: z.enum(["approve", "reject"]),
    reason: z.string().max(2000).optional(),
    rightOfFirstRefusalRank: z.string().optional(),
  }),
]);

type ActionResult = {
  intent: string;
  notice?: "depositConfirmed" | "depositPart" | "approved" | "rejected";
  outstanding?: { amount: string; currency: string };
  subject?: string;
  bidderCode?: string | null;
  registrationId?: string;
  decision?: string;
  refusal?: Refusal;
};

export async function action({ request, context }: ActionFunctionArgs) {
  const principal = requirePermission(context, request, "listing.operate");
  const { registrations } = context.services;
  const form = Object.fromEntries(await request.formData());
  const intent = formText(form, "intent");
  const subject = typeof form.subject === "string" ? form.subject : undefined;
  try {
    const input = actionSchema.parse(form);
    if (input.intent === "confirmDeposit") {
      // The amount is typed in major units (yuan); the service takes minor units.
      const amount = parseMajorAmount(input.amount, currencyDigits(input.currency));
      if (amount === null) throw new AppError("VALIDATION_FAILED", "Enter the amount received.", { field: "amount" });
      const deposit = await registrations.confirmDeposit(principal, input.registrationId, {
        amount,
        currency: input.currency,
        bankReference: input.bankReference,
        bookedOn: input.bookedOn,
      });
      const held = deposit.status === "held";
      return data<ActionResult>({
        intent,
        notice: held ? "depositConfirmed" : "depositPart",
        subject,
        registrationId: input.registrationId,
        outstanding: { amount: (deposit.expected - deposit.received).toString(), currency: input.currency },
      });
    }
    const decided = await registrations.decide(principal, input.registrationId, {
      decision: input.decision,
      reason: input.reason ?? "",
      rightOfFirstRefusalRank: input.rightOfFirstRefusalRank?.trim() || null,
    });
    return data<ActionResult>({
      intent,
      notice: input.decision === "approve" ? "approved" : "rejected",
      subject,
      bidderCode: decided.bidderCode,
      registrationId: input.registrationId,
    });
  } catch (error) {
    const { status, refusal } = refusalOf(error);
    const decision = typeof form.decision === "string" ? form.decision : undefined;
    return data<ActionResult>({ intent, refusal, subject, decision }, { status });
  }
}

const card = "rounded-lg border border-slate-200 bg-white p-4 sm:p-6";

export default function OperatorRegistrations() {
  const { queue } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const date = (value: string) => formatDateTime(value, i18n.language);

  const notice =
    result?.notice === "approved"
      ? t("operatorQueues.registrations.approvedNotice", { name: result.subject, code: result.bidderCode })
      : result?.notice === "rejected"
        ? t("operatorQueues.registrations.rejectedNotice", { name: result.subject })
        : result?.notice === "depositConfirmed"
          ? t("operatorQueues.registrations.depositNotice", { name: result.subject })
          : result?.notice === "depositPart" && result.outstanding
            ? t("operatorQueues.registrations.depositPartNotice", {
                name: result.subject,
                outstanding: formatMoney(result.outstanding.amount, result.outstanding.currency, i18n.language),
              })
            : null;

  return (
    <div className="space-y-6">
      <OperatorQueueHeader queue="registrations" />

      <section aria-labelledby="pending-heading" className="space-y-3">
        <WaitingHeading id="pending-heading" title={t("operatorQueues.registrations.pending")} count={queue.length} />
        {result?.notice === "approved" && result.bidderCode ? (
          <BidderCodeNotice message={notice ?? ""} code={result.bidderCode} result={result} />
        ) : (
          <FormNotice message={notice} focus={result} />
        )}
        {result?.refusal?.code === "REASON_REQUIRED" ? (
          <p role="alert" className="rounded border border-rose-300 bg-rose-50 px-3 py-2 text-sm text-rose-800">
            {result.decision === "reject"
              ? t("operatorQueues.registrations.rejectReasonMissing")
              : t("operatorQueues.registrations.reasonMissing")}
          </p>
        ) : (
          <RefusalAlert refusal={result?.refusal}>
            <TermsIssues refusal={result?.refusal} currency="CNY" />
          </RefusalAlert>
        )}

        {queue.length === 0 ? (
          <EmptyState>{t("operatorQueues.registrations.empty")}</EmptyState>
        ) : (
          <ul className="grid gap-4 lg:grid-cols-2">
            {queue.map((r) => {
              const who = `${r.applicantName} (${r.organisationName})`;
              const matched = r.screening.length > 0;
              // The applicant was answered as any pending one: only the operator knows, and may only reject.
              const rejectOnly = matchedByIdNumber(r.screening);
              // No deposit asked, or all of it held: the registration may be approved.
              const depositConfirmed = r.deposit === null || r.deposit.status === "held";
              return (
                <li key={r.id} className={`${card} ${matched ? "border-rose-300" : ""}`}>
                  <article aria-labelledby={`reg-${r.id}`}>
                    <h3 id={`reg-${r.id}`} className="text-base font-semibold">
                      {r.applicantName}
                      <span className="block text-sm font-normal text-slate-700">{r.organisationName}</span>
                    </h3>
                    {matched ? (
                      <div className="mt-3 rounded border border-rose-300 bg-rose-50 px-3 py-2 text-sm text-rose-900">
                        <p className="font-semibold">{t("operatorQueues.registrations.screeningHeading")}</p>
                        <ul className="mt-1 list-disc pl-5">
                          {r.screening.map((m) => (
                            <li key={`${m.against}-${m.by}`}>
                              {t("operatorQueues.registrations.match", {
                                by: t(`operatorQueues.registrations.by.${m.by}`),
                                against: t(`operatorQueues.registrations.against.${m.against}`),
                              })}
                            </li>
                          ))}
                        </ul>
                        {rejectOnly ? (
                          <p className="mt-2 font-semibold" data-testid="reject-only">
                            {t("operatorQueues.registrations.rejectOnly")}
                          </p>
                        ) : null}
                      </div>
                    ) : (
                      <p className="mt-3 text-sm text-emerald-800">{t("operatorQueues.registrations.noMatch")}</p>
                    )}
                    <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
                      <dt className="text-slate-600">{t("operatorQueues.registrations.listing")}</dt>
                      <dd>
                        <Link to={`/manage/listings/${r.listingId}`} className="text-brand-700 underline">
                          {r.listingTitle}
                        </Link>
                        {r.designated ? (
                          <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900">
                            {t("designated.badge")}
                          </span>
                        ) : null}
                      </dd>
                      <dt className="text-slate-600">{t("operatorQueues.registrations.idNumber")}</dt>
                      <dd className="font-mono break-all">{r.applicantIdNumber}</dd>
                      <dt className="text-slate-600">{t("operatorQueues.registrations.applied")}</dt>
                      <dd>{date(r.createdAt)}</dd>
                      <dt className="text-slate-600">{t("operatorQueues.registrations.terms")}</dt>
                      <dd>
                        {r.termsAcceptedAt
                          ? t("operatorQueues.registrations.termsAccepted", {
                              version: r.termsVersion,
                              date: date(r.termsAcceptedAt),
                            })
                          : t("operatorQueues.registrations.termsNotAccepted", { version: r.termsVersion })}
                      </dd>
                      <dt className="text-slate-600">{t("operatorQueues.registrations.rofr")}</dt>
                      <dd>
                        {r.rightOfFirstRefusalRank === null ? (
                          <span className="text-slate-600">{t("manage.none")}</span>
                        ) : (
                          <>
                            <span className="font-medium">
                              {t("operatorQueues.registrations.rank", { rank: r.rightOfFirstRefusalRank })}
                            </span>
                            {r.rightOfFirstRefusalProof ? (
                              <span className="mt-0.5 block whitespace-pre-line text-slate-700">
                                {r.rightOfFirstRefusalProof}
                              </span>
                            ) : null}
                          </>
                        )}
                      </dd>
                      <dt className="text-slate-600">{t("operatorQueues.registrations.deposit")}</dt>
                      <dd data-testid="operator-deposit">
                        {r.deposit ? (
                          <>
                            <DepositBadge deposit={r.deposit} amount={false} />
                            <span className="mt-1 block">
                              {t("operatorQueues.registrations.depositLine", {
                                expected: formatMoney(r.deposit.expected, r.deposit.currency, i18n.language),
                                received: formatMoney(r.deposit.received, r.deposit.currency, i18n.language),
                              })}
                            </span>
                            <span className="block font-mono break-all">
                              {t("operatorQueues.registrations.depositReference", { reference: r.deposit.reference })}
                            </span>
                          </>
                        ) : (
                          <span>{t("operatorQueues.registrations.depositNone")}</span>
                        )}
                        {r.depositReference ? (
                          <span className="block text-slate-700">
                            {t("operatorQueues.registrations.payerReference", { reference: r.depositReference })}
                          </span>
                        ) : null}
                      </dd>
                    </dl>

                    <div className="mt-4 flex flex-wrap gap-2 border-t border-slate-100 pt-4">
                      {rejectOnly ? null : depositConfirmed ? (
                        <ConfirmDialog
                          triggerLabel={t("operatorQueues.registrations.approve")}
                          triggerName={t("common.actionOn", { action: t("operatorQueues.registrations.approve"), subject: who })}
                          triggerTone="primary"
                          title={t("operatorQueues.registrations.approveTitle", { name: who })}
                          description={
                            <>
                              <p>{t("operatorQueues.registrations.approveBody")}</p>
                              {matched ? (
                                <p className="mt-2 font-semibold text-rose-800">
                                  {t("operatorQueues.registrations.approveMatched")}
                                </p>
                              ) : null}
                            </>
                          }
                          confirmLabel={t("operatorQueues.registrations.approve")}
                          tone="primary"
                          intent="decide"
                          values={{ registrationId: r.id, decision: "approve", subject: who }}
                        >
                          <TextAreaField
                            id={`approve-reason-${r.id}`}
                            name="reason"
                            label={
                              matched
                                ? t("operatorQueues.registrations.reasonRequired")
                                : t("operatorQueues.registrations.reasonOptional")
                            }
                            hint={matched ? t("operatorQueues.registrations.reasonMatchedHint") : t("operatorQueues.reasonHint")}
                            required={matched}
                            maxLength={2000}
                          />
                          {r.rightOfFirstRefusalRank !== null ? (
                            <Field
                              id={`rank-${r.id}`}
                              name="rightOfFirstRefusalRank"
                              label={t("operatorQueues.registrations.rankOverride")}
                              hint={t("operatorQueues.registrations.rankOverrideHint", { rank: r.rightOfFirstRefusalRank })}
                              type="number"
                              inputMode="numeric"
                              min={1}
                              max={20}
                              step={1}
                              defaultValue={r.rightOfFirstRefusalRank}
                            />
                          ) : null}
                        </ConfirmDialog>
                      ) : r.deposit ? (
                        <ConfirmDialog
                          triggerLabel={t("operatorQueues.registrations.confirmDeposit")}
                          triggerName={t("common.actionOn", {
                            action: t("operatorQueues.registrations.confirmDeposit"),
                            subject: who,
                          })}
                          triggerTone="primary"
                          title={t("operatorQueues.registrations.confirmDepositTitle", { name: who })}
                          description={
                            <p>
                              {t("operatorQueues.registrations.confirmDepositBody", {
                                reference: r.deposit.reference,
                                outstanding: formatMoney(r.deposit.outstanding, r.deposit.currency, i18n.language),
                              })}
                            </p>
                          }
                          confirmLabel={t("operatorQueues.registrations.confirmDeposit")}
                          tone="primary"
                          intent="confirmDeposit"
                          values={{ registrationId: r.id, subject: who, currency: r.deposit.currency }}
                        >
                          <Field
                            id={`deposit-amount-${r.id}`}
                            name="amount"
                            label={t("operatorQueues.registrations.depositAmount", { currency: r.deposit.currency })}
                            inputMode="decimal"
                            required
                            defaultValue={minorToMajorInput(r.deposit.outstanding, currencyDigits(r.deposit.currency))}
                          />
                          <Field
                            id={`deposit-bank-ref-${r.id}`}
                            name="bankReference"
                            label={t("operatorQueues.registrations.depositBankReference")}
                            hint={t("operatorQueues.registrations.depositBankReferenceHint")}
                            required
                            minLength={2}
                            maxLength={100}
                          />
                          <Field
                            id={`deposit-booked-${r.id}`}
                            name="bookedOn"
                            type="date"
                            label={t("operatorQueues.registrations.depositBookedOn")}
                          />
                        </ConfirmDialog>
                      ) : null}
                      <ConfirmDialog
                        triggerLabel={t("operatorQueues.registrations.reject")}
                        triggerName={t("common.actionOn", { action: t("operatorQueues.registrations.reject"), subject: who })}
                        title={t("operatorQueues.registrations.rejectTitle", { name: who })}
                        description={<p>{t("operatorQueues.registrations.rejectBody")}</p>}
                        confirmLabel={t("operatorQueues.registrations.reject")}
                        tone="danger"
                        intent="decide"
                        values={{ registrationId: r.id, decision: "reject", subject: who }}
                      >
                        <TextAreaField
                          id={`reject-reason-${r.id}`}
                          name="reason"
                          label={t("operatorQueues.registrations.reasonRequired")}
                          hint={
                            rejectOnly
                              ? t("operatorQueues.registrations.rejectOnlyHint")
                              : t("operatorQueues.registrations.rejectHint")
                          }
                          required
                          maxLength={2000}
                        />
                      </ConfirmDialog>
                    </div>
                    {!depositConfirmed && !rejectOnly ? (
                      <p className="mt-2 text-xs text-slate-600">{t("operatorQueues.registrations.approveAfterDeposit")}</p>
                    ) : null}
                  </article>
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </div>
  );
}

/** The new bidder code, large enough to read out; it takes the focus, as the decided card has gone. */
function BidderCodeNotice({ message, code, result }: { message: string; code: string; result: unknown }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [result]);
  return (
    <div
      ref={ref}
      role="status"
      tabIndex={-1}
      className="rounded border border-emerald-300 bg-emerald-50 px-4 py-3 text-emerald-900"
    >
      <p className="text-sm">{message}</p>
      <p className="mt-1 text-sm">
        {t("operatorQueues.registrations.bidderCode")}{" "}
        <span className="font-mono text-2xl font-bold tracking-widest" data-testid="bidder-code">
          {code}
        </span>
      </p>
    </div>
  );
}
