import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ListingDetail } from "../../../core/contract/listings";
import type { AuctionRoom } from "../../lib/auction-room/use-auction-room";
import { formatTimeOfDay, sameDay } from "../../../core/time";
import { useMoney } from "./room-format";
import { formatInZone } from "../../../core/time";

const SHOWN = 10;

/** The public bid log, newest first: bidder codes only, "auto" for the engine's proxy bids. */
export function BidHistory({ room, listing }: { room: AuctionRoom; listing: ListingDetail }) {
  const { t, i18n } = useTranslation();
  const { money } = useMoney(listing.currency);
  const id = useId();
  const [all, setAll] = useState(false);
  const newest = [...room.state.bids].reverse();
  const rows = all ? newest : newest.slice(0, SHOWN);
  const time = (iso: string) =>
    sameDay(iso, room.now)
      ? formatTimeOfDay(iso, i18n.language)
      : formatInZone(iso, i18n.language, { dateStyle: "short", timeStyle: "medium" });
  return (
    <section aria-labelledby={`${id}-heading`} data-testid="bid-history">
      <h2 id={`${id}-heading`} className="text-lg font-semibold">
        {t("auction.history.heading")}
        {newest.length ? (
          <span className="ml-2 text-sm font-normal text-slate-600">{t("listing.bids", { count: newest.length })}</span>
        ) : null}
      </h2>
      {newest.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">{t("auction.history.empty")}</p>
      ) : (
        <div className="mt-2 overflow-hidden rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-sm">
            <caption className="sr-only">{t("auction.history.caption")}</caption>
            <thead className="bg-slate-50 text-left text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-2 font-semibold">
                  {t("auction.history.bidder")}
                </th>
                <th scope="col" className="px-3 py-2 text-right font-semibold">
                  {t("auction.history.amount")}
                </th>
                <th scope="col" className="px-3 py-2 text-right font-semibold">
                  {t("auction.history.time")}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((bid, index) => {
                const mine = room.myCode !== null && bid.bidderNo === room.myCode;
                return (
                  <tr key={bid.seq} className={`border-t border-slate-100 ${index === 0 ? "bg-brand-50 font-semibold" : ""}`}>
                    <td className="px-3 py-1.5">
                      <span className="font-mono">{bid.bidderNo}</span>
                      {mine ? <span className="ml-1 font-normal text-slate-700">{t("auction.history.you")}</span> : null}
                      {bid.kind === "proxy" ? (
                        <span className="ml-1 rounded bg-slate-200 px-1 py-0.5 text-xs font-normal text-slate-800">
                          <span aria-hidden>{t("auction.history.auto")}</span>
                          <span className="sr-only">{t("auction.history.autoLong")}</span>
                        </span>
                      ) : null}
                    </td>
                    <td className="px-3 py-1.5 text-right tabular-nums">{money(bid.amount)}</td>
                    <td className="px-3 py-1.5 text-right tabular-nums">
                      <time dateTime={bid.placedAt}>{time(bid.placedAt)}</time>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {newest.length > SHOWN ? (
        <button type="button" className="mt-2 text-sm text-brand-700 underline" aria-expanded={all} onClick={() => setAll(!all)}>
          {all ? t("auction.history.showFewer", { count: SHOWN }) : t("auction.history.showAll", { count: newest.length })}
        </button>
      ) : null}
    </section>
  );
}
