import { useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ListingDetail } from "../../../core/contract/listings";
import type { AuctionRoom } from "../../lib/auction-room/use-auction-room";
import { bidAmountBounds } from "../../../core/contract/bids";
import { buttonStyle } from "../forms";
import { farAbovePrice, incrementsAbove, nearestOnGrid, onGrid, readBidAmount, stepsAbove } from "../../../core/price-grid";
import { minorToMajorInput, parseMajorAmount } from "../../../core/money";
import { ConfirmBidDialog } from "./confirm-bid-dialog";
import { failureMessage, useSay, type Message } from "./messages";
import { useQuickBidding } from "./quick-bidding";
import { useMoney } from "./room-format";

/** Why the viewer cannot bid right now, if it cannot. */
export type BidBlock = "signedOut" | "notRegistered" | "pending" | "rejected" | "leading" | "notLive" | "notStarted" | "ended";

const STEPS = [1, 2, 5];

/**
 * A button bids the next minimum; three buttons bid a few increments more; any other amount is
 * typed in yuan and converted to fen exactly. A bid is binding, so each one is confirmed with its
 * amount before it is sent, unless the bidder has turned on quick bidding for the session; a bid
 * far above the current price is confirmed even then. Buttons stay focusable when bidding is
 * blocked (aria-disabled), so the focus is never lost when the viewer takes the lead.
 */
export function BidBox({
  room,
  listing,
  block,
  takeAtFixedPrice = false,
}: {
  room: AuctionRoom;
  listing: ListingDetail;
  block: BidBlock | null;
  /** A fixed-price sale nobody has taken yet: the one-click bid takes it at the full price. */
  takeAtFixedPrice?: boolean;
}) {
  const { t } = useTranslation();
  const { money, digits, unit } = useMoney(listing.currency);
  const say = useSay(listing.currency);
  const id = useId();
  const [placing, setPlacing] = useState(false);
  const [outcome, setOutcome] = useState<{ tone: "error"; message: Message } | { tone: "ok"; amount: string } | null>(null);
  const [text, setText] = useState("");
  const [fieldError, setFieldError] = useState<Message | null>(null);
  const [confirming, setConfirming] = useState<{ amount: string; far: boolean } | null>(null);
  const [quick, setQuick] = useQuickBidding();
  const amountInput = useRef<HTMLInputElement>(null);
  // A refused amount takes the focus back to the field, whose description now carries the reason.
  const refuse = (message: Message) => {
    setFieldError(message);
    amountInput.current?.focus();
  };

  // Once the viewer is told it lost the lead, "your bid was accepted" is old news: the notice says it.
  const outbidNotice = room.notices.find((n) => n.kind === "outbid")?.id;
  useEffect(() => {
    if (outbidNotice) setOutcome((current) => (current?.tone === "ok" ? null : current));
  }, [outbidNotice]);

  const minimum = room.nextMinimumBid;
  const increment = listing.increment;
  const blocked = block !== null || placing;
  const blockId = `${id}-block`;

  async function place(amount: string) {
    if (blocked) return;
    setPlacing(true);
    setOutcome(null);
    const result = await room.placeBid(amount);
    setPlacing(false);
    if (result.ok) {
      setOutcome({ tone: "ok", amount });
      setText("");
      setFieldError(null);
    } else {
      setOutcome({ tone: "error", message: failureMessage(result, listing.increment) });
    }
  }

  /** A bid the bidder asked for: confirmed first, unless quick bidding is on and it is not far above the price. */
  function request(amount: string) {
    if (blocked) return;
    const far = farAbovePrice(amount, {
      currentPrice: room.state.currentPrice,
      startingPrice: listing.startingPrice,
      minimum,
      increment,
    });
    if (quick && !far) void place(amount);
    else setConfirming({ amount, far });
  }

  const typed = text.trim() ? parseMajorAmount(text, digits) : null;

  function submitCustom(event: React.FormEvent) {
    event.preventDefault();
    if (blocked) return;
    setOutcome(null);
    const read = readBidAmount(text, digits, minimum);
    if (!read.ok) {
      refuse(
        read.problem === "invalid"
          ? { key: "auction.bid.invalidAmount", values: { example: minorToMajorInput(minimum, digits) } }
          : read.problem === "aboveLargest"
            ? { key: "auction.bid.aboveLargest", amounts: { maximum: bidAmountBounds.max.toString() } }
            : { key: "auction.bid.belowMinimum", amounts: { minimum } },
      );
      return;
    }
    const { amount } = read;
    if (!onGrid(amount, listing)) {
      const near = nearestOnGrid(amount, listing, minimum);
      refuse(
        near.below
          ? { key: "auction.bid.offGridBoth", amounts: { increment, below: near.below, above: near.above } }
          : { key: "auction.bid.offGrid", amounts: { increment, above: near.above } },
      );
      return;
    }
    setFieldError(null);
    request(amount);
  }

  const describedBy = [block ? blockId : null, `${id}-hint`].filter(Boolean).join(" ");

  return (
    <section aria-labelledby={`${id}-heading`} className="space-y-3" data-testid="bid-box">
      <h3 id={`${id}-heading`} className="text-base font-semibold">
        {t("auction.bid.heading")}
      </h3>
      {block ? (
        <p id={blockId} className="rounded bg-slate-100 px-3 py-2 text-sm text-slate-800" data-testid="bid-blocked">
          {t(`auction.bid.blocked.${block}`)}
        </p>
      ) : null}
      <div>
        <button
          type="button"
          className={`${buttonStyle("primary")} w-full py-3 text-lg aria-disabled:cursor-not-allowed aria-disabled:opacity-60`}
          aria-disabled={blocked || undefined}
          aria-describedby={describedBy}
          onClick={() => request(minimum)}
          data-testid="bid-next"
        >
          <span className="tabular-nums">
            {t(takeAtFixedPrice ? "rounds.fixedPrice.takeButton" : "auction.bid.next", { amount: money(minimum) })}
          </span>
        </button>
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600">
          {t(quick ? "auction.bid.nextHintQuick" : "auction.bid.nextHint")}
        </p>
      </div>
      <div role="group" aria-label={t("auction.bid.quick")} className="space-y-2">
        {STEPS.map((steps) => {
          const amount = stepsAbove(minimum, increment, steps);
          return (
            <button
              key={steps}
              type="button"
              className="flex w-full items-center justify-between gap-3 rounded border border-slate-300 bg-white px-3 py-1.5 text-sm font-semibold text-slate-800 hover:bg-slate-100 aria-disabled:cursor-not-allowed aria-disabled:opacity-60"
              aria-disabled={blocked || undefined}
              aria-describedby={block ? blockId : undefined}
              onClick={() => request(amount)}
            >
              <span className="font-normal text-slate-700">{t("auction.bid.step", { count: steps })}</span>
              <span className="tabular-nums">{money(amount)}</span>
            </button>
          );
        })}
      </div>

      <div className="rounded border border-slate-200 bg-slate-50 px-3 py-2 text-sm">
        <label className="flex items-start gap-2 font-medium text-slate-900">
          <input
            type="checkbox"
            className="mt-1"
            checked={quick}
            onChange={(event) => setQuick(event.currentTarget.checked)}
            aria-describedby={`${id}-quick`}
            data-testid="quick-bidding"
          />
          <span>{t("auction.bid.quickBidding.label")}</span>
        </label>
        <p id={`${id}-quick`} className="mt-1 text-xs text-slate-700">
          {t("auction.bid.quickBidding.explain")}
        </p>
      </div>

      <form onSubmit={submitCustom} noValidate className="space-y-1">
        <label htmlFor={`${id}-amount`} className="block text-sm font-medium text-slate-800">
          {t("auction.bid.amountLabel", { unit })}
        </label>
        <div className="flex gap-2">
          <input
            id={`${id}-amount`}
            ref={amountInput}
            type="text"
            inputMode="decimal"
            autoComplete="off"
            value={text}
            onChange={(event) => {
              setText(event.target.value);
              setFieldError(null);
            }}
            placeholder={minorToMajorInput(minimum, digits)}
            readOnly={block !== null}
            aria-disabled={block !== null || undefined}
            aria-invalid={fieldError ? true : undefined}
            aria-describedby={[`${id}-amount-hint`, typed ? `${id}-preview` : null, fieldError ? `${id}-error` : null]
              .filter(Boolean)
              .join(" ")}
            className={`min-w-0 flex-1 rounded border px-3 py-2 tabular-nums read-only:bg-slate-100 ${fieldError ? "border-rose-600" : "border-slate-400"}`}
          />
          <button
            type="submit"
            className={`${buttonStyle("secondary")} shrink-0 aria-disabled:cursor-not-allowed aria-disabled:opacity-60`}
            aria-disabled={blocked || undefined}
          >
            {t("auction.bid.submit")}
          </button>
        </div>
        <p id={`${id}-amount-hint`} className="text-xs text-slate-600">
          {t("auction.bid.amountHint", { minimum: money(minimum), increment: money(increment) })}
        </p>
        {typed ? (
          <p id={`${id}-preview`} className="text-sm text-slate-800 tabular-nums">
            {t("auction.bid.preview", { amount: money(typed) })}
          </p>
        ) : null}
        {fieldError ? (
          <p id={`${id}-error`} className="text-sm text-rose-700">
            {say(fieldError)}
          </p>
        ) : null}
      </form>

      <div aria-live="polite" className="text-sm">
        {placing ? <p className="text-slate-700">{t("auction.bid.placing")}</p> : null}
        {outcome?.tone === "ok" ? (
          <p className="rounded border border-emerald-300 bg-emerald-50 px-3 py-2 text-emerald-900" data-testid="bid-outcome">
            {t(room.leading ? "auction.bid.acceptedLeading" : "auction.bid.acceptedOutbid", { amount: money(outcome.amount) })}
          </p>
        ) : null}
      </div>
      {outcome?.tone === "error" ? (
        <p
          role="alert"
          className="rounded border border-rose-300 bg-rose-50 px-3 py-2 text-sm text-rose-800"
          data-testid="bid-error"
        >
          {say(outcome.message)}
        </p>
      ) : null}

      <ConfirmBidDialog
        open={confirming !== null}
        title={
          confirming?.far
            ? t("auction.bid.confirmFarTitle")
            : t("auction.bid.confirmTitle", { amount: money(confirming?.amount) })
        }
        body={
          !confirming
            ? ""
            : confirming.far
              ? t("auction.bid.confirmFarBody", {
                  amount: money(confirming.amount),
                  jump: money((BigInt(confirming.amount) - BigInt(minimum)).toString()),
                  count: Number(incrementsAbove(confirming.amount, minimum, increment)),
                  minimum: money(minimum),
                })
              : t("auction.bid.confirmBody", { amount: money(confirming.amount) })
        }
        confirmLabel={confirming ? t("auction.bid.confirm", { amount: money(confirming.amount) }) : ""}
        onCancel={() => setConfirming(null)}
        onConfirm={() => {
          const amount = confirming?.amount;
          setConfirming(null);
          if (amount) void place(amount);
        }}
      />
    </section>
  );
}
