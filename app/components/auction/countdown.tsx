import { soldStatuses } from "../../../core/enums";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ListingDetail } from "../../../core/contract/listings";
import type { AuctionRoom } from "../../lib/auction-room/use-auction-room";
import { clockText, useMoney } from "./room-format";
import { formatDateTimeSeconds, formatTimeOfDay } from "../../../core/time";

const closedStatuses = new Set<string>(["ended", ...soldStatuses, "failed"]);

/**
 * Time left by the server's clock; red in the last 5 minutes; a flash and a note when a late
 * bid moves the end (anti-sniping); the result once the auction has closed.
 */
export function Countdown({ room, listing }: { room: AuctionRoom; listing: ListingDetail }) {
  const { t, i18n } = useTranslation();
  const { state, now, remainingMs, endingSoon } = room;
  const [flashing, setFlashing] = useState(false);
  useEffect(() => {
    if (!state.lastExtension) return;
    setFlashing(true);
    const timer = setTimeout(() => setFlashing(false), 5000);
    return () => clearTimeout(timer);
  }, [state.lastExtension]);

  if (closedStatuses.has(state.status)) return <AuctionResult room={room} listing={listing} />;

  const startsAtMs = listing.startsAt ? Date.parse(listing.startsAt) : null;
  const beforeStart = startsAtMs !== null && now < startsAtMs && (state.status === "live" || state.status === "announced");
  if (beforeStart) {
    return (
      <div className="rounded-md bg-sky-50 p-3">
        <p className="text-sm text-slate-700">{t("listing.startsIn")}</p>
        <p role="timer" className="text-2xl font-bold tabular-nums text-sky-900">
          {clockText(startsAtMs - now, (d) => t("time.d", { count: d }))}
        </p>
        <p className="mt-1 text-sm text-slate-700">
          {t("auction.startsAt", { time: formatDateTimeSeconds(listing.startsAt!, i18n.language) })}
        </p>
      </div>
    );
  }
  if (state.status === "announced") {
    return <p className="rounded-md bg-sky-50 p-3 text-sm font-semibold text-sky-900">{t("auction.opensSoon")}</p>;
  }
  if (state.status !== "live" || !state.endsAt) return null;

  const over = remainingMs !== null && remainingMs <= 0;
  const box = flashing
    ? "bg-amber-100 ring-4 ring-amber-400"
    : endingSoon || over
      ? "bg-rose-50 ring-1 ring-rose-300"
      : "bg-slate-50 ring-1 ring-slate-200";
  return (
    <div
      data-testid="countdown"
      data-extended={state.lastExtension ? "true" : undefined}
      className={`rounded-md p-3 transition-colors duration-700 ${box}`}
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-slate-700">{t("listing.endsIn")}</p>
        {endingSoon ? (
          <span className="rounded-full bg-rose-700 px-2 py-0.5 text-xs font-semibold text-white">{t("auction.endingSoon")}</span>
        ) : null}
      </div>
      <p
        role="timer"
        aria-atomic="true"
        className={`text-3xl font-bold tabular-nums ${endingSoon || over ? "text-rose-700" : "text-slate-900"} ${flashing ? "motion-safe:animate-pulse" : ""}`}
      >
        {over ? t("auction.closing") : clockText(remainingMs ?? 0, (d) => t("time.d", { count: d }))}
      </p>
      <p className="mt-1 text-sm text-slate-700">
        <time dateTime={state.endsAt} data-testid="ends-at">
          {t("auction.endsAt", { time: formatDateTimeSeconds(state.endsAt, i18n.language) })}
        </time>
      </p>
      {state.lastExtension ? (
        <p className="mt-2 text-sm font-semibold text-amber-900" data-testid="extended">
          {t("auction.extended")}
          {state.lastExtension.from ? (
            <span className="block font-normal">
              {t("auction.extendedFrom", {
                from: formatTimeOfDay(state.lastExtension.from, i18n.language),
                to: formatTimeOfDay(state.lastExtension.to, i18n.language),
              })}
            </span>
          ) : null}
        </p>
      ) : null}
    </div>
  );
}

/** Sold to a bidder code, a designated floor sale, or failed, with why. */
export function AuctionResult({ room, listing }: { room: AuctionRoom; listing: ListingDetail }) {
  const { t } = useTranslation();
  const { money } = useMoney(listing.currency);
  const { status, bidCount, reserveMet } = room.state;
  // Listings closed before outcomes were recorded: what the public data still tells.
  const inferred = status !== "failed" ? null : bidCount === 0 ? "no_bids" : !reserveMet ? "reserve_not_met" : null;
  const result = room.state.result ?? (inferred ? { outcome: inferred, bidderNo: null, price: null } : null);
  const sold = result?.outcome === "sold" || result?.outcome === "designated_floor";
  const text = !result
    ? t("auction.result.closed")
    : result.outcome === "sold"
      ? result.bidderNo
        ? t("auction.result.sold", { code: result.bidderNo, price: money(result.price) })
        : t("auction.result.soldUnknown", { price: money(result.price) })
      : result.outcome === "designated_floor"
        ? t("auction.result.designated_floor", { price: money(result.price) })
        : t(`auction.result.${result.outcome}`);
  const won = result?.outcome === "sold" && room.myCode !== null && result.bidderNo === room.myCode;
  return (
    <div
      data-testid="auction-result"
      className={`rounded-md p-3 ring-1 ${sold ? "bg-emerald-50 ring-emerald-300" : "bg-slate-100 ring-slate-300"}`}
    >
      <h3 className="text-sm text-slate-700">{t("auction.result.heading")}</h3>
      <p className={`mt-1 text-lg font-bold ${sold ? "text-emerald-900" : "text-slate-900"}`}>{text}</p>
      {won ? <p className="mt-1 text-sm font-semibold text-emerald-900">{t("auction.result.won")}</p> : null}
    </div>
  );
}
