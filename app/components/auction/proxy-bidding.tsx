import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ListingDetail } from "../../../core/contract/listings";
import type { AuctionRoom } from "../../lib/auction-room/use-auction-room";
import { buttonStyle } from "../forms";
import { bidAmountBounds } from "../../../core/contract/bids";
import { minorToMajorInput } from "../../../core/money";
import { nearestOnGrid, onGrid, readBidAmount } from "../../../core/price-grid";
import { failureMessage, useSay, type Message } from "./messages";
import { useMoney } from "./room-format";

/**
 * Automatic (proxy) bidding: the viewer's secret maximum, set, changed or cleared. The engine
 * bids for it one increment at a time only when someone outbids it (server/sale-modes/auction/rules.ts).
 */
export function ProxyBidding({ room, listing, allowed }: { room: AuctionRoom; listing: ListingDetail; allowed: boolean }) {
  const { t } = useTranslation();
  const { money, digits, unit } = useMoney(listing.currency);
  const say = useSay(listing.currency);
  const id = useId();
  const current = room.viewer.proxyMaximum;
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  // A confirmation speaks of the maximum it was given for ("on, up to …", or cleared): once the
  // maximum is another (passed by another bidder, set elsewhere) it no longer holds and is not shown.
  const [message, setMessage] = useState<{ tone: "ok" | "error"; message: Message; maximum?: string | null } | null>(null);
  const [openAtFirst] = useState(current !== null);
  // The leader may keep its maximum at the current price; anyone else needs at least the next bid.
  const minimum = room.leading && room.state.currentPrice ? room.state.currentPrice : room.nextMinimumBid;

  async function save(event: React.FormEvent) {
    event.preventDefault();
    if (!allowed || busy) return;
    const read = readBidAmount(text, digits, minimum);
    if (!read.ok) {
      setMessage({
        tone: "error",
        message:
          read.problem === "invalid"
            ? { key: "auction.bid.invalidAmount", values: { example: minorToMajorInput(minimum, digits) } }
            : read.problem === "aboveLargest"
              ? { key: "auction.bid.aboveLargest", amounts: { maximum: bidAmountBounds.max.toString() } }
              : { key: "auction.errors.PROXY_TOO_LOW", amounts: { minimum } },
      });
      return;
    }
    const maximum = read.amount;
    if (!onGrid(maximum, listing)) {
      const near = nearestOnGrid(maximum, listing, minimum);
      setMessage({
        tone: "error",
        message: near.below
          ? { key: "auction.bid.offGridBoth", amounts: { increment: listing.increment, below: near.below, above: near.above } }
          : { key: "auction.bid.offGrid", amounts: { increment: listing.increment, above: near.above } },
      });
      return;
    }
    setBusy(true);
    const result = await room.setProxy(maximum);
    setBusy(false);
    if (result.ok) {
      setText("");
      setMessage({
        tone: "ok",
        message: { key: "auction.proxy.on", amounts: { amount: result.value.maximum } },
        maximum: result.value.maximum,
      });
    } else setMessage({ tone: "error", message: failureMessage(result, listing.increment) });
  }

  async function clear() {
    if (busy) return;
    setBusy(true);
    const result = await room.clearProxy();
    setBusy(false);
    setMessage(
      result.ok
        ? { tone: "ok", message: { key: "auction.proxy.cleared" }, maximum: null }
        : { tone: "error", message: failureMessage(result, listing.increment) },
    );
  }

  return (
    <details className="group rounded-md border border-slate-200 bg-white" open={openAtFirst || undefined} data-testid="proxy">
      <summary className="cursor-pointer list-none px-3 py-2 text-sm font-semibold marker:hidden">
        <span className="flex items-center justify-between gap-2">
          <span>{t("auction.proxy.heading")}</span>
          <span aria-hidden className="text-slate-600 transition-transform group-open:rotate-180">
            ▾
          </span>
        </span>
        <span className="block text-xs font-normal text-slate-700">
          {current ? t("auction.proxy.on", { amount: money(current) }) : t("auction.proxy.off")}
        </span>
      </summary>
      <div className="space-y-2 border-t border-slate-200 px-3 py-3 text-sm">
        <p className="text-slate-700">{t("auction.proxy.explain")}</p>
        <p className="text-slate-700">{t("auction.proxy.explainNow")}</p>
        <form onSubmit={save} noValidate className="space-y-1">
          <label htmlFor={`${id}-max`} className="block font-medium text-slate-800">
            {t("auction.proxy.label", { unit })}
          </label>
          <div className="flex gap-2">
            <input
              id={`${id}-max`}
              type="text"
              inputMode="decimal"
              autoComplete="off"
              value={text}
              onChange={(event) => setText(event.target.value)}
              placeholder={current ? minorToMajorInput(current, digits) : minorToMajorInput(minimum, digits)}
              readOnly={!allowed}
              aria-disabled={!allowed || undefined}
              aria-describedby={`${id}-hint`}
              className="min-w-0 flex-1 rounded border border-slate-400 px-3 py-2 tabular-nums read-only:bg-slate-100"
            />
            <button
              type="submit"
              className={`${buttonStyle("secondary")} shrink-0 aria-disabled:cursor-not-allowed aria-disabled:opacity-60`}
              aria-disabled={!allowed || busy || undefined}
            >
              {current ? t("auction.proxy.change") : t("auction.proxy.set")}
            </button>
          </div>
          <p id={`${id}-hint`} className="text-xs text-slate-600">
            {t("auction.proxy.hint", { minimum: money(minimum), increment: money(listing.increment) })}
          </p>
        </form>
        {current ? (
          <button
            type="button"
            className={`${buttonStyle("secondary", "sm")} aria-disabled:cursor-not-allowed aria-disabled:opacity-60`}
            aria-disabled={!allowed || busy || undefined}
            onClick={() => void clear()}
          >
            {t("auction.proxy.clear")}
          </button>
        ) : null}
        <div aria-live="polite">
          {message?.tone === "ok" && message.maximum === current ? (
            <p className="text-emerald-800">{say(message.message)}</p>
          ) : null}
        </div>
        {message?.tone === "error" ? (
          <p role="alert" className="text-rose-700">
            {say(message.message)}
          </p>
        ) : null}
      </div>
    </details>
  );
}
