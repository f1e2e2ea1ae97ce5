import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { NegotiationThread } from "../lib/read-models.server";
import { formatDateTime } from "../../core/time";
import { formatMoney } from "../../core/money";
import { ConfirmDialog } from "./confirm-dialog";
import { buttonStyle, Field, SelectField } from "./forms";

export type { NegotiationThread };

/** What the route's action answers to `intent=offer` or `intent=accept`. */
export type NegotiationOutcome = { negotiation: "offered" | "accepted" } | { negotiationRefusal: string };

/**
 * A negotiated transfer's private thread, for its two parties (and the operators, read-only):
 * every offer with its maker, amount, lapse and status; an offer form when it is the viewer's
 * turn; and the other side's standing offer to accept.
 */
export function NegotiationPanel({
  thread,
  currency,
  outcome,
}: {
  thread: NegotiationThread;
  currency: string;
  outcome?: NegotiationOutcome;
}) {
  const { t, i18n } = useTranslation();
  const busy = useNavigation().state === "submitting";
  const money = (minor: string) => formatMoney(minor, currency, i18n.language);
  const standing = [...thread.offers].reverse().find((o) => o.status === "open");
  const side = (from: string) => (from === thread.party ? t("negotiation.you") : t(`negotiation.party.${from}`));
  return (
    <section
      aria-labelledby="negotiation-heading"
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-4"
      data-testid="negotiation"
    >
      <div>
        <h2 id="negotiation-heading" className="text-lg font-semibold">
          {t("negotiation.heading")}
        </h2>
        <p className="mt-1 text-sm text-slate-700">{t(`negotiation.intro_${thread.party}`)}</p>
      </div>
      {outcome && "negotiationRefusal" in outcome ? (
        <p role="alert" className="rounded border border-rose-300 bg-rose-50 px-3 py-2 text-sm text-rose-900">
          {t(`negotiation.errors.${outcome.negotiationRefusal}`, { defaultValue: t("negotiation.errors.generic") })}
        </p>
      ) : null}
      {thread.agreed ? (
        <p
          className="rounded border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm font-semibold text-emerald-900"
          data-testid="negotiation-agreed"
        >
          {t("negotiation.agreed", { price: money(thread.agreed) })}
        </p>
      ) : null}
      {thread.offers.length === 0 ? (
        <p className="text-sm text-slate-600">{t("negotiation.none")}</p>
      ) : (
        <ol className="space-y-2" aria-label={t("negotiation.offers")}>
          {thread.offers.map((offer) => (
            <li key={offer.id} className="rounded border border-slate-200 p-3 text-sm" data-testid="negotiation-offer">
              <p className="flex flex-wrap items-baseline justify-between gap-2">
                <span className="font-medium">{side(offer.from)}</span>
                <span className="font-mono font-semibold">{money(offer.amount)}</span>
              </p>
              <p className="mt-1 text-slate-600">
                {t(`negotiation.status.${offer.status}`)}
                {offer.status === "open"
                  ? ` · ${t("negotiation.lapses", { at: formatDateTime(offer.expiresAt, i18n.language) })}`
                  : null}
              </p>
            </li>
          ))}
        </ol>
      )}
      {thread.canAccept && standing ? (
        <ConfirmDialog
          triggerLabel={t("negotiation.accept", { price: money(standing.amount) })}
          title={t("negotiation.acceptTitle")}
          description={t("negotiation.acceptBody", { price: money(standing.amount) })}
          confirmLabel={t("negotiation.acceptConfirm")}
          intent="accept"
        />
      ) : null}
      {thread.canOffer ? (
        <Form method="post" className="space-y-3 border-t border-slate-100 pt-3">
          <input type="hidden" name="intent" value="offer" />
          <Field
            label={t("negotiation.amount", { unit: t(`auction.currencyUnit.${currency}`, { defaultValue: currency }) })}
            name="amount"
            inputMode="decimal"
            required
          />
          <SelectField
            label={t("negotiation.standsFor")}
            name="hours"
            defaultValue="48"
            hint={t("negotiation.binding")}
            options={[24, 48, 72, 168].map((h) => ({ value: String(h), label: t("negotiation.hours", { count: h }) }))}
          />
          <button type="submit" className={buttonStyle("primary")} disabled={busy}>
            {standing ? t("negotiation.counter") : t("negotiation.offer")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}
