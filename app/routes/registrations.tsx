import {
  data,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ConfirmDialog } from "../components/confirm-dialog";
import { DataTable } from "../components/data-table";
import { buttonStyle, FormNotice } from "../components/forms";
import { RegistrationBadge } from "../components/investing-bits";
import { RefusalAlert } from "../components/refusal";
import { Money, StatusBadge } from "../components/listing-bits";
import { publicStatuses } from "../../core/contract/listings";
import { i18nServer } from "../i18n.server";
import { requirePermission } from "../lib/auth.server";
import type { Refusal } from "../lib/refusal";
import { refusalOf } from "../lib/refusal.server";
import { cardHoldPage, depositForPage } from "../lib/payments.server";
import { DepositBadge, PaymentInstructionsCard } from "../components/deposit-bits";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} · nplex` : "nplex" }];

export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const principal = requirePermission(context, request, "investor.register");
  const [rows, invitations, t] = await Promise.all([
    context.services.registrations.mine(principal),
    context.services.registrations.designatedInvitations(principal),
    i18nServer.getFixedT(request),
  ]);
  return {
    title: t("registration.mine.title"),
    invitations: invitations.filter((i) => !i.committed),
    registrations: rows.map((r) => ({
      id: r.id,
      listingId: r.listingId,
      listingTitle: r.listingTitle,
      listingStatus: r.listingStatus,
      status: r.status,
      bidderCode: r.bidderCode,
      deposit: depositForPage(r.deposit),
      decisionReason: r.decisionReason,
      createdAt: r.createdAt.toISOString(),
      designated: Boolean(r.designated),
    })),
  };
}

const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("withdraw"), registrationId: z.uuid() }),
  z.object({ intent: z.literal("card-hold"), registrationId: z.uuid() }),
]);

export async function action({ request, context }: ActionFunctionArgs) {
  const principal = requirePermission(context, request, "investor.register");
  const form = Object.fromEntries(await request.formData());
  const title = typeof form.title === "string" ? form.title : "";
  try {
    const input = actionSchema.parse(form);
    if (input.intent === "card-hold") {
      return redirect(await cardHoldPage(context, principal, input.registrationId));
    }
    await context.services.registrations.withdraw(principal, input.registrationId);
    return data<{ withdrawn?: string; refusal?: Refusal }>({ withdrawn: title });
  } catch (error) {
    const { status, refusal } = refusalOf(error);
    return data<{ withdrawn?: string; refusal?: Refusal }>({ refusal }, { status });
  }
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["registrations"][number];

export default function MyRegistrations() {
  const { registrations, invitations } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const [search] = useSearchParams();
  const justRegistered = search.get("registered");
  const toPay = registrations.filter((r) => r.deposit?.instructions && (r.status === "pending" || r.status === "approved"));
  const notice = result?.withdrawn
    ? t("registration.mine.withdrawn", { title: result.withdrawn })
    : justRegistered && !result
      ? t("registration.mine.registered")
      : search.get("card") === "held" && !result
        ? t("payments.card.back")
        : null;

  return (
    <div>
      <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{t("registration.mine.title")}</h1>
      <p className="mt-2 max-w-3xl text-slate-700">{t("registration.mine.intro")}</p>
      <div className="mt-4 space-y-3">
        <FormNotice message={notice} focus={result?.withdrawn} />
        <RefusalAlert refusal={result?.refusal} messages="investing.errors" />
      </div>
      {invitations.length > 0 ? (
        <section aria-labelledby="invitations-heading" className="mt-6 space-y-3" data-testid="designated-invitations">
          <h2 id="invitations-heading" className="text-lg font-semibold">
            {t("designated.invitations.heading")}
          </h2>
          <ul className="space-y-2">
            {invitations.map((invitation) => (
              <li key={invitation.id} className="rounded-lg border border-amber-300 bg-amber-50 p-4">
                <p className="font-semibold">{invitation.title}</p>
                <p className="mt-1 text-sm text-slate-800">
                  {t("designated.invitations.ask", { seller: invitation.sellerName })}{" "}
                  <Money value={invitation.startingPrice} currency={invitation.currency} />
                </p>
                <Link to={`/listings/${invitation.id}/register`} className={`mt-2 ${buttonStyle("primary", "sm")}`}>
                  {t("designated.invitations.review")}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {toPay.length > 0 ? (
        <section aria-labelledby="pay-heading" className="mt-6 space-y-3">
          <h2 id="pay-heading" className="text-lg font-semibold">
            {t("payments.payHeading")}
          </h2>
          <p className="max-w-3xl text-sm text-slate-700">{t("payments.payIntro")}</p>
          <ul className="grid gap-3 lg:grid-cols-2">
            {toPay.map((r) => (
              <PaymentInstructionsCard key={r.id} title={r.listingTitle} deposit={r.deposit!} registrationId={r.id} />
            ))}
          </ul>
        </section>
      ) : null}
      {registrations.length === 0 ? (
        <div className="mt-8 rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center">
          <p className="text-slate-700">{t("registration.mine.empty")}</p>
          <Link to="/" className="mt-3 inline-block text-brand-700 underline">
            {t("registration.mine.browse")}
          </Link>
        </div>
      ) : (
        <div className="mt-6">
          <DataTable<Row>
            caption={t("registration.mine.caption", { count: registrations.length })}
            rows={registrations}
            rowKey={(row) => row.id}
            columns={[
              {
                key: "listing",
                header: t("registration.mine.colListing"),
                primary: true,
                cell: (row) => (
                  <Link
                    to={
                      (publicStatuses as readonly string[]).includes(row.listingStatus)
                        ? `/listings/${row.listingId}`
                        : `/listings/${row.listingId}/register`
                    }
                    className={`${row.listingId === justRegistered ? "font-semibold " : ""}text-brand-700 underline-offset-2 hover:underline`}
                  >
                    {row.listingTitle}
                  </Link>
                ),
              },
              {
                key: "listingStatus",
                header: t("registration.mine.colListingStatus"),
                cell: (row) => <StatusBadge status={row.listingStatus} />,
              },
              {
                key: "status",
                header: t("registration.mine.colStatus"),
                cell: (row) => (
                  <span className="inline-flex flex-wrap items-center gap-1">
                    <RegistrationBadge status={row.status} />
                    {row.designated ? (
                      <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900">
                        {t("designated.badge")}
                      </span>
                    ) : null}
                  </span>
                ),
              },
              {
                key: "code",
                header: t("registration.mine.colCode"),
                cell: (row) =>
                  row.bidderCode ? (
                    <span className="font-mono font-semibold" data-testid="bidder-code">
                      {row.bidderCode}
                    </span>
                  ) : (
                    <span className="text-slate-500">—</span>
                  ),
              },
              {
                key: "deposit",
                header: t("registration.mine.colDeposit"),
                cell: (row) => <DepositBadge deposit={row.deposit} />,
              },
              {
                key: "reason",
                header: t("registration.mine.colReason"),
                cell: (row) => row.decisionReason ?? <span className="text-slate-500">—</span>,
              },
              {
                key: "actions",
                header: t("registration.mine.colActions"),
                cell: (row) =>
                  row.listingStatus === "announced" &&
                  !row.designated &&
                  (row.status === "pending" || row.status === "approved") ? (
                    // The dialog would inherit the cell's right alignment.
                    <span className="text-left">
                      <ConfirmDialog
                        triggerLabel={t("registration.mine.withdraw")}
                        triggerName={t("registration.mine.withdrawName", { title: row.listingTitle })}
                        title={t("registration.mine.withdrawTitle")}
                        description={t("registration.mine.withdrawBody", { title: row.listingTitle })}
                        confirmLabel={t("registration.mine.withdrawConfirm")}
                        intent="withdraw"
                        values={{ registrationId: row.id, title: row.listingTitle }}
                      />
                    </span>
                  ) : null,
              },
            ]}
          />
        </div>
      )}
    </div>
  );
}
