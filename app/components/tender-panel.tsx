import { useRevalidator } from "@remix-run/react";
import { useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ListingDetail } from "../../core/contract/listings";
import { useServerNow } from "../lib/use-server-now";
import { clockText, useMoney } from "./auction/room-format";
import { StandingPrompt } from "./auction/viewer-standing";
import { formatDateTimeSeconds } from "../../core/time";
import { DataTable } from "./data-table";
import { SealedBidForm } from "./sealed-bid-form";
import { ReceiptCheck, TenderReceiptCard, type TenderReceipt, type TenderRecord } from "./tender-receipt";

/** What the route's action answers to `intent=sealed-bid`. */
export type SealedBidOutcome = { receipt: TenderReceipt } | { tenderRefusal: string };

interface Registration {
  status: string;
  bidderCode: string | null;
}

/**
 * A sealed tender in place of the auction room: no socket and no bid log, since nothing is
 * public before the opening but how many sealed bids there are and their commitments.
 */
export function TenderPanel({
  listing,
  tender,
  registration,
  signedIn,
  outcome,
}: {
  listing: ListingDetail;
  tender: TenderRecord;
  registration: Registration | null;
  signedIn: boolean;
  outcome: SealedBidOutcome | undefined;
}) {
  const { t, i18n } = useTranslation();
  const { money } = useMoney(listing.currency);
  const now = useServerNow();
  const deadline = tender.deadline ? Date.parse(tender.deadline) : null;
  const beforeDeadline = deadline === null || now < deadline;
  const startsAt = listing.startsAt ? Date.parse(listing.startsAt) : null;
  const open = listing.status === "live" && beforeDeadline && (startsAt === null || now >= startsAt);
  const canBid = open && registration?.status === "approved";

  // The receipt is shown once; a later form on the page (watch) must not take it away.
  const fresh = outcome && "receipt" in outcome ? outcome.receipt : null;
  const [receipt, setReceipt] = useState(fresh);
  if (fresh && fresh.commitment !== receipt?.commitment) setReceipt(fresh);
  const receiptHeading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (receipt) receiptHeading.current?.focus();
  }, [receipt]);

  // The opening runs on the server within a second of the deadline: fetch the published result then.
  const revalidator = useRevalidator();
  const awaitingOpening = !tender.opened && !beforeDeadline;
  useEffect(() => {
    if (!awaitingOpening) return;
    const timer = setTimeout(() => revalidator.revalidate(), 2000);
    return () => clearTimeout(timer);
  }, [awaitingOpening, tender, revalidator]);

  const id = useId();
  const fact = (label: string, value: React.ReactNode) => (
    <>
      <dt className="text-slate-600">{label}</dt>
      <dd className="text-right tabular-nums">{value}</dd>
    </>
  );
  return (
    <section
      aria-labelledby={`${id}-heading`}
      className="space-y-5 rounded-lg border border-slate-200 bg-white p-4"
      data-testid="tender-panel"
    >
      <div>
        <h2 id={`${id}-heading`} className="text-lg font-semibold">
          {t("tender.heading")}
        </h2>
        <p className="mt-1 text-sm text-slate-700">{t("tender.explain")}</p>
      </div>

      {tender.round === 2 && !tender.opened ? (
        <p className="rounded border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-900" data-testid="best-and-final">
          {t("designated.tenderGuide.finalRound", { count: tender.bestAndFinalTopN ?? 2 })}
        </p>
      ) : null}
      {tender.opened ? null : <TenderClock listing={listing} deadline={tender.deadline} now={now} />}

      {receipt ? <TenderReceiptCard ref={receiptHeading} receipt={receipt} currency={listing.currency} /> : null}

      {canBid ? (
        <SealedBidForm
          listing={listing}
          refusal={outcome && "tenderRefusal" in outcome ? outcome.tenderRefusal : null}
          lastReceipt={receipt?.commitment ?? null}
        />
      ) : !tender.opened ? (
        <TenderStanding listing={listing} registration={registration} signedIn={signedIn} beforeDeadline={beforeDeadline} />
      ) : null}

      {tender.opened ? <TenderOpening listing={listing} tender={tender} myCode={registration?.bidderCode ?? null} /> : null}

      <div>
        <h3 className="text-sm font-semibold">{t("tender.terms")}</h3>
        <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          {fact(t("tender.startingPrice"), money(listing.startingPrice))}
          {fact(t("listing.deposit"), money(listing.deposit))}
          {tender.deadline ? fact(t("tender.deadline"), formatDateTimeSeconds(tender.deadline, i18n.language)) : null}
          {fact(
            t(tender.opened ? "tender.bidCountOpened" : "tender.bidCount"),
            <span data-testid="tender-bid-count">{tender.bids.length}</span>,
          )}
        </dl>
        <p className="mt-2 text-sm text-slate-700">
          <span className="font-medium">{t("tender.pricing")}</span>
          {t("auction.colon")}
          {t(`tender.pricingRule.${tender.pricing}`)}
        </p>
        {!tender.opened && tender.bids.length > 0 ? (
          <details className="mt-3 text-sm">
            <summary className="cursor-pointer text-brand-700 underline">
              {t("tender.commitments", { count: tender.bids.length })}
            </summary>
            <p className="mt-2 text-xs text-slate-600">{t("tender.commitmentsHint")}</p>
            <ol className="mt-2 list-decimal space-y-1 pl-6 font-mono text-xs break-all text-slate-800">
              {tender.bids.map((bid) => (
                <li key={bid.commitment}>{bid.commitment}</li>
              ))}
            </ol>
          </details>
        ) : null}
        {!tender.opened && tender.bids.length === 0 ? <p className="mt-2 text-sm text-slate-600">{t("tender.noBids")}</p> : null}
      </div>
    </section>
  );
}

/** The deadline in China Standard Time and the time left by the server's clock. */
function TenderClock({ listing, deadline, now }: { listing: ListingDetail; deadline: string | null; now: number }) {
  const { t, i18n } = useTranslation();
  if (listing.status === "announced" || (listing.startsAt && now < Date.parse(listing.startsAt))) {
    return listing.startsAt ? (
      <p className="rounded-md bg-sky-50 p-3 text-sm text-sky-900">
        {t("tender.opensAt", { time: formatDateTimeSeconds(listing.startsAt, i18n.language) })}
      </p>
    ) : null;
  }
  if (listing.status !== "live" || !deadline) return null;
  const left = Date.parse(deadline) - now;
  return (
    <div
      className={`rounded-md p-3 ring-1 ${left < 300_000 ? "bg-rose-50 ring-rose-300" : "bg-slate-50 ring-slate-200"}`}
      data-testid="tender-deadline"
    >
      <p className="text-sm text-slate-700">{t("tender.closesIn")}</p>
      {left > 0 ? (
        <p
          role="timer"
          aria-atomic="true"
          className={`text-3xl font-bold tabular-nums ${left < 300_000 ? "text-rose-700" : "text-slate-900"}`}
        >
          {clockText(left, (d) => t("time.d", { count: d }))}
        </p>
      ) : (
        <p className="text-lg font-semibold text-slate-900">{t("tender.opening")}</p>
      )}
      <p className="mt-1 text-sm text-slate-700">
        {t("tender.deadline")}
        {t("auction.colon")}
        <time dateTime={deadline}>{t("tender.deadlineAt", { time: formatDateTimeSeconds(deadline, i18n.language) })}</time>
      </p>
    </div>
  );
}

/** Why the viewer cannot submit: the auction room's own words for each case. */
function TenderStanding({
  listing,
  registration,
  signedIn,
  beforeDeadline,
}: {
  listing: ListingDetail;
  registration: Registration | null;
  signedIn: boolean;
  beforeDeadline: boolean;
}) {
  const { t } = useTranslation();
  const box = "rounded-md border px-3 py-2 text-sm";
  const upcoming = listing.status === "announced" || (listing.status === "live" && beforeDeadline);
  // Past the deadline the clock says the bids are being opened; a suspended tender takes none.
  if (!upcoming)
    return listing.status === "live" ? null : <p className={`${box} border-slate-200 bg-slate-50`}>{t("tender.notOpen")}</p>;
  if (registration?.status === "approved") {
    return (
      <p className={`${box} border-slate-200`}>
        {t("auction.viewer.code")}
        {t("auction.colon")}
        <strong className="font-mono">{registration.bidderCode}</strong>
      </p>
    );
  }
  return <StandingPrompt listingId={listing.id} signedIn={signedIn} registration={registration} />;
}

/** After the opening: the result and every bid with its commitment, best first, and the receipt check. */
function TenderOpening({ listing, tender, myCode }: { listing: ListingDetail; tender: TenderRecord; myCode: string | null }) {
  const { t, i18n } = useTranslation();
  const { money } = useMoney(listing.currency);
  const result = tender.result;
  const sold = result?.outcome === "sold";
  const text = !result?.outcome
    ? t("tender.result.closed")
    : sold
      ? result.bidderNo
        ? t("tender.result.sold", { code: result.bidderNo, price: money(result.price) })
        : t("tender.result.soldUnknown", { price: money(result.price) })
      : t(`tender.result.${result.outcome}`, { defaultValue: t("tender.result.closed") });
  const amount = (bid: TenderRecord["bids"][number]) => (bid.amount ? BigInt(bid.amount) : -1n);
  const ranked = [...tender.bids].sort((a, b) =>
    amount(a) === amount(b) ? Date.parse(a.submittedAt ?? "") - Date.parse(b.submittedAt ?? "") : amount(a) > amount(b) ? -1 : 1,
  );
  const winner = sold ? result?.bidderNo : null;
  const id = useId();
  return (
    <div className="space-y-4">
      <div
        data-testid="tender-result"
        className={`rounded-md p-3 ring-1 ${sold ? "bg-emerald-50 ring-emerald-300" : "bg-slate-100 ring-slate-300"}`}
      >
        <h3 className="text-sm text-slate-700">{t("tender.result.heading")}</h3>
        <p className={`mt-1 text-lg font-bold ${sold ? "text-emerald-900" : "text-slate-900"}`}>{text}</p>
        {winner && myCode === winner ? (
          <p className="mt-1 text-sm font-semibold text-emerald-900">{t("tender.result.won")}</p>
        ) : null}
      </div>
      <section aria-labelledby={`${id}-bids`} data-testid="tender-bids" className="space-y-2">
        <h3 id={`${id}-bids`} className="text-base font-semibold">
          {t("tender.bids.heading")}
        </h3>
        {ranked.length === 0 ? (
          <p className="text-sm text-slate-600">{t("tender.bids.none")}</p>
        ) : (
          <DataTable
            caption={t("tender.bids.caption")}
            rows={ranked}
            rowKey={(bid) => bid.commitment}
            columns={[
              {
                key: "bidder",
                header: t("tender.bids.bidder"),
                primary: true,
                cell: (bid) => (
                  <span className="font-mono">
                    {bid.bidderCode}
                    {winner && bid.bidderCode === winner ? (
                      <span className="ml-2 rounded bg-emerald-100 px-1.5 py-0.5 font-sans text-xs font-semibold whitespace-nowrap text-emerald-900">
                        {t("tender.bids.winner")}
                      </span>
                    ) : null}
                  </span>
                ),
              },
              {
                key: "amount",
                header: t("tender.bids.amount"),
                numeric: true,
                cell: (bid) => (
                  <span className="tabular-nums">
                    {bid.amount ? money(bid.amount) : "—"}
                    {bid.amount && BigInt(bid.amount) < BigInt(listing.startingPrice) ? (
                      <span className="block text-xs text-rose-800">{t("tender.bids.invalid")}</span>
                    ) : null}
                  </span>
                ),
              },
              {
                key: "submittedAt",
                header: t("tender.bids.submittedAt"),
                cell: (bid) =>
                  bid.submittedAt ? (
                    <time dateTime={bid.submittedAt}>{formatDateTimeSeconds(bid.submittedAt, i18n.language)}</time>
                  ) : null,
              },
              {
                key: "commitment",
                header: t("tender.bids.commitment"),
                cell: (bid) => <span className="font-mono text-xs break-all">{bid.commitment}</span>,
              },
            ]}
          />
        )}
      </section>
      {ranked.length > 0 ? <ReceiptCheck listingId={listing.id} currency={listing.currency} bids={tender.bids} /> : null}
    </div>
  );
}
