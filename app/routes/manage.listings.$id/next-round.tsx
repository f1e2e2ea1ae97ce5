import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { RoundOptions } from "../../lib/read-models.server";
import type { RoundActionResult } from "./rounds.server";
import { currencyDigits, formatMoney } from "../../../core/money";
import { formatDateTime } from "../../../core/time";
import { isoToZonedInput } from "../../../core/time";
import { minorToMajorInput } from "../../../core/money";
import { ConfirmDialog } from "../../components/confirm-dialog";
import { Field, FormNotice } from "../../components/forms";
import type { Refusal } from "../../lib/refusal";
import { useTermsIssueText } from "../../components/lifecycle-bits";
import { useRefusalText } from "../../components/refusal";
import { card, type Workspace } from "../../components/listing-workspace";

/** What may follow a failed listing, as the workspace loads it. */
export type { RoundOptions };

/** Round 2 and later say where they come from, with a link to the failed round. */
export function RoundOrigin({ listing }: { listing: Workspace }) {
  const { t } = useTranslation();
  if (listing.round <= 1 || !listing.previousListingId) return null;
  return (
    <p className="mt-2 text-sm text-slate-700" data-testid="round-origin">
      {t("rounds.next.follows", { round: listing.round, previous: listing.round - 1 })}{" "}
      <Link to={`/manage/listings/${listing.previousListingId}`} className="text-brand-700 underline">
        {t("rounds.next.openPrevious")}
      </Link>
    </p>
  );
}

/** A refusal of the round's form: the rounds' own codes, else the lifecycle's words. */
function useRoundRefusalText(currency: string, cut: number) {
  const { t, i18n } = useTranslation();
  const lifecycle = useRefusalText();
  return (refusal: Refusal) => {
    if (refusal.code === "INVALID_TERMS" || refusal.code === "VALIDATION_FAILED") return t("investing.fieldErrorsIntro");
    const params: Record<string, string> = { ...(refusal.params ?? {}), cut: String(cut) };
    if (params.lowest) params.lowest = formatMoney(params.lowest, currency, i18n.language);
    if (params.deadline) params.deadline = formatDateTime(params.deadline, i18n.language);
    return t(`rounds.errors.${refusal.code}`, { ...params, defaultValue: lifecycle(refusal) });
  };
}

/**
 * The seller's next step after a failed auction: re-list as the next round at a start within the
 * allowed cut (the lowest start and the deadline shown), or after the second failure offer the lot
 * at a fixed price; each confirmed in a dialog. Once a round follows, a link to it.
 */
export function NextRoundCard({
  listing,
  options,
  result,
}: {
  listing: Workspace;
  options: RoundOptions;
  result?: RoundActionResult;
}) {
  const { t, i18n } = useTranslation();
  const money = (minor: string) => formatMoney(minor, listing.currency, i18n.language);
  const when = (iso: string | null) => (iso ? formatDateTime(iso, i18n.language) : "—");
  const refusalText = useRoundRefusalText(listing.currency, options.maxCutPercent);
  const issueText = useTermsIssueText(listing.currency);
  const refusal = result && "refusal" in result ? result.refusal : undefined;
  const typed = result && "values" in result ? result.values : undefined;
  const heading =
    options.kind === "relist"
      ? t("rounds.next.relistHeading", { round: options.round })
      : options.kind === "fixed_price"
        ? t("rounds.next.fixedHeading")
        : options.nextRound
          ? t("rounds.next.relistHeading", { round: options.nextRound.round })
          : t("rounds.next.noneHeading");

  return (
    <section aria-labelledby="next-round-heading" className={card} data-testid="next-round-card">
      <h2 id="next-round-heading" className="text-lg font-semibold">
        {heading}
      </h2>
      <div className="mt-3 space-y-2">
        <FormNotice
          message={result && "round" in result ? t("rounds.next.done", { round: result.round }) : null}
          focus={result}
        />
        {refusal ? (
          <p role="alert" className="rounded border border-rose-300 bg-rose-50 px-3 py-2 text-sm text-rose-800">
            {refusalText(refusal)}
          </p>
        ) : null}
      </div>
      {options.nextRound ? (
        <p className="mt-2 text-sm">
          {t("rounds.next.followedBy", { round: options.nextRound.round, status: t(`status.${options.nextRound.status}`) })}{" "}
          <Link to={`/manage/listings/${options.nextRound.id}`} className="font-medium text-brand-700 underline">
            {t("rounds.next.openNext", { round: options.nextRound.round })}
          </Link>
        </p>
      ) : options.kind === "none" ? (
        <p className="mt-2 text-sm text-slate-700">
          {t(`rounds.next.none.${options.code}`, { deadline: when(options.deadline) })}
        </p>
      ) : (
        <>
          {options.kind === "relist" ? (
            <div className="mt-2 space-y-2 text-sm text-slate-700">
              <p>
                {t("rounds.next.relistIntro", {
                  deadline: when(options.deadline),
                  round: options.round,
                  cut: options.maxCutPercent,
                  previous: money(options.previousStart),
                  lowest: money(options.lowestStart),
                })}
              </p>
              <p>{t("rounds.next.relistHow")}</p>
            </div>
          ) : (
            <div className="mt-2 space-y-2 text-sm text-slate-700">
              <p>
                {t("rounds.next.fixedIntro", {
                  failed: options.round - 1,
                  deadline: when(options.deadline),
                  price: money(options.price),
                  offerEnds: when(options.offerEndsAt),
                })}
              </p>
              <p>{t("rounds.next.fixedHow", { hours: options.windowHours, offerEnds: when(options.offerEndsAt) })}</p>
              <p>
                {t("rounds.next.fixedFigures", {
                  increment: money(options.defaults.increment),
                  deposit: money(options.defaults.deposit),
                })}
              </p>
            </div>
          )}
          {!options.canAct ? (
            <p className="mt-3 text-sm text-slate-600">{t("rounds.next.notYours")}</p>
          ) : options.kind === "relist" ? (
            <RelistForm listing={listing} options={options} typed={typed} refusal={refusal} issueText={issueText} />
          ) : (
            <div className="mt-4">
              <ConfirmDialog
                triggerLabel={t("rounds.next.offerButton")}
                triggerTone="primary"
                triggerSize="md"
                title={t("rounds.next.confirmOfferTitle", { title: listing.title, price: money(options.price) })}
                description={<p>{t("rounds.next.confirmOfferBody", { round: options.round })}</p>}
                confirmLabel={t("rounds.next.offerButton")}
                tone="primary"
                intent="offer_fixed_price"
              />
            </div>
          )}
        </>
      )}
    </section>
  );
}

function RelistForm({
  listing,
  options,
  typed,
  refusal,
  issueText,
}: {
  listing: Workspace;
  options: Extract<RoundOptions, { kind: "relist" }>;
  typed?: Record<string, string>;
  refusal?: Refusal;
  issueText: ReturnType<typeof useTermsIssueText>;
}) {
  const { t, i18n } = useTranslation();
  const digits = currencyDigits(listing.currency);
  const unit = t(`auction.currencyUnit.${listing.currency}`, { defaultValue: listing.currency });
  const money = (minor: string) => formatMoney(minor, listing.currency, i18n.language);
  const formId = "next-round-form";
  const errorOf = (field: string) => {
    const issue = refusal?.fields?.[field];
    if (issue) return issueText(field, issue);
    if (field === "startingPrice" && (refusal?.code === "START_CUT_TOO_DEEP" || refusal?.code === "START_RAISED")) {
      return t("rounds.next.startingPriceHint", { lowest: money(options.lowestStart), previous: money(options.previousStart) });
    }
    return undefined;
  };
  const value = (field: "startingPrice" | "increment" | "deposit") =>
    typed?.[field] ?? minorToMajorInput(options.defaults[field], digits);
  const time = (field: "startsAt" | "endsAt") => typed?.[field] ?? isoToZonedInput(options.defaults[field]);
  const amount = (field: "startingPrice" | "increment" | "deposit", hint: string) => (
    <Field
      id={`round-${field}`}
      name={field}
      label={t(`rounds.next.${field}`, { unit })}
      hint={hint}
      error={errorOf(field)}
      defaultValue={value(field)}
      inputMode="decimal"
      autoComplete="off"
      required
    />
  );
  return (
    <>
      <Form method="post" id={formId} className="mt-4 grid gap-3 sm:grid-cols-2" preventScrollReset>
        {amount(
          "startingPrice",
          t("rounds.next.startingPriceHint", { lowest: money(options.lowestStart), previous: money(options.previousStart) }),
        )}
        {amount("increment", t("rounds.next.incrementHint"))}
        {amount("deposit", t("rounds.next.depositHint"))}
        <div className="hidden sm:block" />
        {(["startsAt", "endsAt"] as const).map((field) => (
          <Field
            key={field}
            id={`round-${field}`}
            name={field}
            type="datetime-local"
            label={t(`rounds.next.${field}`)}
            hint={t(`rounds.next.${field}Hint`)}
            error={errorOf(field)}
            defaultValue={time(field)}
            required
          />
        ))}
      </Form>
      <div className="mt-4">
        <ConfirmDialog
          formId={formId}
          triggerLabel={t("rounds.next.relistButton", { round: options.round })}
          triggerTone="primary"
          triggerSize="md"
          title={t("rounds.next.confirmRelistTitle", { title: listing.title, round: options.round })}
          description={<p>{t("rounds.next.confirmRelistBody")}</p>}
          confirmLabel={t("rounds.next.relistButton", { round: options.round })}
          tone="primary"
          intent="relist"
        />
      </div>
    </>
  );
}
