import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { DataTable, EmptyState } from "../components/data-table";
import { buttonStyle, Field, FormNotice } from "../components/forms";
import { Money } from "../components/listing-bits";
import { OperatorQueueHeader, WaitingHeading } from "../components/operator-tabs";
import { RefusalAlert } from "../components/refusal";
import { LineWhy, ResolveForms } from "../components/statement-lines";
import { i18nServer } from "../i18n.server";
import { requirePermission } from "../lib/auth.server";
import { mismatchesForPage, readStatementUpload } from "../lib/payments.server";
import { StripeMismatches } from "../components/stripe-mismatches";
import type { Refusal } from "../lib/refusal";
import { AppError, refusalOf } from "../lib/refusal.server";
import { formText } from "../lib/form-data";
import { formatDateTime } from "../../core/time";
import { displayReference } from "../../core/payment-reference";
import { currencyDigits, minorToMajorInput, parseMajorAmount } from "../../core/money";
import type { StatementProblem } from "../../core/bank-statement";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} · nplex` : "nplex" }];

/** Payers' names and amounts owed: never cached. */
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const principal = requirePermission(context, request, "payments.operate");
  const { statements, deposits } = context.services;
  const [balances, lines, refunds, imports, mismatches, t] = await Promise.all([
    context.services.sales.awaitingBalance(principal),
    statements.openLines(principal),
    deposits.refundsDue(principal),
    statements.imports(principal),
    // Only where Stripe is configured: its record compared with ours.
    context.services.stripeDeposits?.mismatches(principal) ?? null,
    i18nServer.getFixedT(request),
  ]);
  return {
    title: t("operatorQueues.payments.title"),
    balances: balances.map((b) => ({
      id: b.id,
      listingId: b.listingId,
      listingTitle: b.listingTitle,
      buyerName: b.buyerName,
      currency: b.currency,
      outstanding: (b.balanceDue - b.balanceReceived).toString(),
      reference: displayReference(b.balanceReference),
      dueAt: b.dueAt.toISOString(),
      overdue: b.overdue,
    })),
    lines: lines.map((l) => ({
      id: l.id,
      bookedOn: l.bookedOn,
      amount: l.amount.toString(),
      currency: l.currency,
      payerName: l.payerName,
      referenceText: l.referenceText,
      outcome: l.outcome,
      reference: l.reference ? displayReference(l.reference) : null,
      why: l.why,
    })),
    refunds: refunds.map(({ refund, listingTitle, organisationName, reference }) => ({
      id: refund.id,
      listingTitle,
      organisationName,
      reference: reference ? displayReference(reference) : null,
      reason: refund.reason,
      provider: refund.provider,
      amount: refund.amount.toString(),
      currency: refund.currency,
    })),
    mismatches: mismatches ? mismatchesForPage(mismatches) : null,
    imports: imports.map((i) => ({
      id: i.id,
      fileName: i.fileName,
      lineCount: i.lineCount,
      matched: i.counts.matched ?? 0,
      createdAt: i.createdAt.toISOString(),
    })),
  };
}

const formSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("credit"), lineId: z.string().min(1), reference: z.string() }),
  z.object({ intent: z.literal("return"), lineId: z.string().min(1), bankReference: z.string() }),
  z.object({ intent: z.literal("refundSent"), refundId: z.string().min(1), bankReference: z.string() }),
  z.object({
    intent: z.literal("balance"),
    saleId: z.string().min(1),
    currency: z.string().regex(/^[A-Z]{3}$/),
    amount: z.string().max(40),
    bankReference: z.string().max(200),
  }),
]);

type ActionResult = {
  intent: string;
  notice?: "resolved" | "sent" | "balanceRecorded";
  imported?: { fileName: string; lineCount: number; counts: Record<string, number> };
  problems?: StatementProblem[];
  refusal?: Refusal;
};

export async function action({ request, context }: ActionFunctionArgs) {
  const principal = requirePermission(context, request, "payments.operate");
  const { statements, deposits } = context.services;
  const multipart = (request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data");
  if (multipart) {
    try {
      const upload = await readStatementUpload(request);
      const result = await statements.import(principal, upload);
      return data<ActionResult>({
        intent: "import",
        imported: { fileName: upload.fileName, lineCount: result.lineCount, counts: result.counts },
      });
    } catch (error) {
      const { status, refusal } = refusalOf(error);
      const problems = AppError.is(error) ? (error.details.problems as StatementProblem[] | undefined) : undefined;
      return data<ActionResult>({ intent: "import", refusal, problems }, { status });
    }
  }
  const form = Object.fromEntries(await request.formData());
  const intent = formText(form, "intent");
  try {
    const input = formSchema.parse(form);
    if (input.intent === "balance") {
      const amount = parseMajorAmount(input.amount, currencyDigits(input.currency));
      if (amount === null) throw new AppError("VALIDATION_FAILED", "Enter the amount received.", { field: "amount" });
      await context.services.sales.recordBalance(principal, input.saleId, {
        amount,
        currency: input.currency,
        bankReference: input.bankReference,
      });
      return data<ActionResult>({ intent, notice: "balanceRecorded" });
    }
    if (input.intent === "refundSent") {
      await deposits.markRefundSent(principal, input.refundId, { bankReference: input.bankReference });
      return data<ActionResult>({ intent, notice: "sent" });
    }
    await statements.resolveLine(
      principal,
      input.lineId,
      input.intent === "credit"
        ? { action: "credit", reference: input.reference }
        : { action: "return", bankReference: input.bankReference },
    );
    return data<ActionResult>({ intent, notice: "resolved" });
  } catch (error) {
    const { status, refusal } = refusalOf(error);
    return data<ActionResult>({ intent, refusal }, { status });
  }
}

type Balance = ReturnType<typeof useLoaderData<typeof loader>>["balances"][number];
type Line = ReturnType<typeof useLoaderData<typeof loader>>["lines"][number];
type Refund = ReturnType<typeof useLoaderData<typeof loader>>["refunds"][number];

const flaggedCount = (counts: Record<string, number>) =>
  ["amount_mismatch", "currency_mismatch", "unknown_reference", "settled"].reduce((n, k) => n + (counts[k] ?? 0), 0);

export default function OperatorPayments() {
  const { balances, lines, refunds, imports, mismatches } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, i18n } = useTranslation();
  const importing = navigation.state === "submitting" && navigation.formEncType === "multipart/form-data";
  const imported = result?.imported;
  const notice = imported
    ? t("payments.operator.imported", {
        file: imported.fileName,
        lines: imported.lineCount,
        matched: imported.counts.matched ?? 0,
        flagged: flaggedCount(imported.counts),
        duplicate: imported.counts.duplicate ?? 0,
        outgoing: imported.counts.outgoing ?? 0,
      })
    : result?.notice
      ? t(`payments.operator.${result.notice}`)
      : null;

  return (
    <div className="space-y-8">
      <OperatorQueueHeader queue="payments" />
      <FormNotice message={notice} focus={result} />

      <section aria-labelledby="balances-heading" className="space-y-3">
        <WaitingHeading id="balances-heading" title={t("payments.operator.balancesHeading")} count={balances.length} tone="sky" />
        {result?.intent === "balance" ? <RefusalAlert refusal={result.refusal} messages="payments.errors" /> : null}
        {balances.length === 0 ? (
          <EmptyState>{t("payments.operator.balancesEmpty")}</EmptyState>
        ) : (
          <DataTable<Balance>
            caption={t("payments.operator.balancesCaption", { count: balances.length })}
            rows={balances}
            rowKey={(row) => row.id}
            columns={[
              { key: "buyer", header: t("payments.operator.colTo"), primary: true, cell: (row) => row.buyerName },
              { key: "listing", header: t("payments.operator.colListing"), cell: (row) => row.listingTitle },
              {
                key: "outstanding",
                header: t("payments.operator.colAmount"),
                cell: (row) => <Money value={row.outstanding} currency={row.currency} />,
              },
              {
                key: "due",
                header: t("payments.operator.colDue"),
                cell: (row) => (
                  <span className={row.overdue ? "font-semibold text-rose-800" : ""}>
                    {formatDateTime(row.dueAt, i18n.language)}
                    {row.overdue ? ` · ${t("payments.operator.overdue")}` : ""}
                  </span>
                ),
              },
              {
                key: "reference",
                header: t("payments.reference"),
                cell: (row) => <span className="font-mono text-xs whitespace-nowrap">{row.reference}</span>,
              },
              {
                key: "actions",
                header: t("payments.operator.colActions"),
                cell: (row) => (
                  <Form method="post" className="flex flex-wrap items-end gap-2 text-left" data-testid="record-balance">
                    <input type="hidden" name="intent" value="balance" />
                    <input type="hidden" name="saleId" value={row.id} />
                    <input type="hidden" name="currency" value={row.currency} />
                    <Field
                      id={`balance-amount-${row.id}`}
                      name="amount"
                      label={t("payments.operator.balanceAmount", { currency: row.currency })}
                      inputMode="decimal"
                      required
                      defaultValue={minorToMajorInput(row.outstanding, currencyDigits(row.currency))}
                    />
                    <Field
                      id={`balance-ref-${row.id}`}
                      name="bankReference"
                      label={t("payments.operator.balanceBankReference")}
                      required
                      minLength={2}
                      maxLength={100}
                    />
                    <button type="submit" className={buttonStyle("primary", "sm")}>
                      {t("payments.operator.recordBalance")}
                    </button>
                  </Form>
                ),
              },
            ]}
          />
        )}
      </section>

      <section aria-labelledby="import-heading" className="space-y-3">
        <h2 id="import-heading" className="text-lg font-semibold">
          {t("payments.operator.importHeading")}
        </h2>
        <p className="max-w-3xl text-sm text-slate-700">{t("payments.operator.importIntro")}</p>
        {result?.intent === "import" ? (
          <RefusalAlert refusal={result.refusal} messages="payments.errors">
            {result.problems?.length ? (
              <>
                <p className="mt-1 font-medium">{t("payments.operator.problemsHeading")}</p>
                <ul className="mt-1 list-disc pl-5" data-testid="statement-problems">
                  {result.problems.map((p) => (
                    <li key={`${p.lineNo}-${p.column}`}>
                      {t(`payments.operator.problem.${p.code}`, {
                        line: p.lineNo,
                        value: p.value ?? "",
                        column: t(`payments.operator.column.${p.column}`),
                      })}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </RefusalAlert>
        ) : null}
        <Form
          method="post"
          encType="multipart/form-data"
          className="flex flex-wrap items-end gap-3 rounded border border-slate-200 bg-white p-4"
        >
          <div className="flex flex-col gap-1">
            <label htmlFor="statement-file" className="font-medium">
              {t("payments.operator.file")}
            </label>
            <input id="statement-file" name="file" type="file" required accept=".csv,text/csv" className="text-sm" />
          </div>
          <button type="submit" className={buttonStyle("primary")} disabled={importing}>
            {importing ? t("payments.operator.importing") : t("payments.operator.submit")}
          </button>
        </Form>
      </section>

      <section aria-labelledby="lines-heading" className="space-y-3">
        <WaitingHeading id="lines-heading" title={t("payments.operator.linesHeading")} count={lines.length} />
        {result?.intent === "credit" || result?.intent === "return" ? (
          <RefusalAlert refusal={result.refusal} messages="payments.errors" />
        ) : null}
        {lines.length === 0 ? (
          <EmptyState>{t("payments.operator.linesEmpty")}</EmptyState>
        ) : (
          <DataTable<Line>
            caption={t("payments.operator.linesCaption", { count: lines.length })}
            rows={lines}
            rowKey={(row) => row.id}
            columns={[
              {
                key: "booked",
                header: t("payments.operator.colBooked"),
                cell: (row) => <span className="whitespace-nowrap">{row.bookedOn}</span>,
              },
              {
                key: "amount",
                header: t("payments.operator.colAmount"),
                primary: true,
                cell: (row) => <Money value={row.amount} currency={row.currency} />,
              },
              { key: "payer", header: t("payments.operator.colPayer"), cell: (row) => row.payerName },
              {
                key: "text",
                header: t("payments.operator.colText"),
                cell: (row) => <span className="font-mono text-xs break-all">{row.referenceText}</span>,
              },
              { key: "why", header: t("payments.operator.colWhy"), cell: (row) => <LineWhy line={row} /> },
              { key: "actions", header: t("payments.operator.colActions"), cell: (row) => <ResolveForms line={row} /> },
            ]}
          />
        )}
      </section>

      <section aria-labelledby="refunds-heading" className="space-y-3">
        <WaitingHeading id="refunds-heading" title={t("payments.operator.refundsHeading")} count={refunds.length} tone="sky" />
        {result?.intent === "refundSent" ? <RefusalAlert refusal={result.refusal} messages="payments.errors" /> : null}
        {refunds.length === 0 ? (
          <EmptyState>{t("payments.operator.refundsEmpty")}</EmptyState>
        ) : (
          <DataTable<Refund>
            caption={t("payments.operator.refundsCaption", { count: refunds.length })}
            rows={refunds}
            rowKey={(row) => row.id}
            columns={[
              { key: "to", header: t("payments.operator.colTo"), primary: true, cell: (row) => row.organisationName },
              {
                key: "amount",
                header: t("payments.operator.colAmount"),
                cell: (row) => <Money value={row.amount} currency={row.currency} />,
              },
              { key: "listing", header: t("payments.operator.colListing"), cell: (row) => row.listingTitle },
              {
                key: "reason",
                header: t("payments.operator.colReason"),
                cell: (row) => t(`payments.operator.reason.${row.reason}`),
              },
              {
                key: "reference",
                header: t("payments.operator.colReference"),
                cell: (row) => <span className="font-mono text-xs whitespace-nowrap">{row.reference ?? "—"}</span>,
              },
              {
                key: "actions",
                header: t("payments.operator.colActions"),
                cell: (row) =>
                  row.provider === "stripe" ? (
                    <span className="text-xs text-slate-700">{t("payments.operator.sentByStripe")}</span>
                  ) : (
                    <Form method="post" className="flex flex-wrap items-end gap-2 text-left">
                      <input type="hidden" name="intent" value="refundSent" />
                      <input type="hidden" name="refundId" value={row.id} />
                      <Field
                        id={`refund-ref-${row.id}`}
                        name="bankReference"
                        label={t("payments.operator.sentReference")}
                        required
                        minLength={2}
                        maxLength={100}
                      />
                      <button type="submit" className={buttonStyle("secondary", "sm")}>
                        {t("payments.operator.markSent")}
                      </button>
                    </Form>
                  ),
              },
            ]}
          />
        )}
      </section>

      {mismatches ? <StripeMismatches mismatches={mismatches} /> : null}

      <section aria-labelledby="imports-heading" className="space-y-3">
        <h2 id="imports-heading" className="text-lg font-semibold">
          {t("payments.operator.importsHeading")}
        </h2>
        {imports.length === 0 ? (
          <EmptyState>{t("payments.operator.importsEmpty")}</EmptyState>
        ) : (
          <ul className="space-y-1 text-sm">
            {imports.map((i) => (
              <li key={i.id}>
                {t("payments.operator.importLine", {
                  file: i.fileName,
                  date: formatDateTime(i.createdAt, i18n.language),
                  lines: i.lineCount,
                  matched: i.matched,
                })}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
