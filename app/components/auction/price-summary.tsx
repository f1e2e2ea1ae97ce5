import { useTranslation } from "react-i18next";
import type { ListingDetail } from "../../../core/contract/listings";
import type { AuctionRoom } from "../../lib/auction-room/use-auction-room";
import { useMoney } from "./room-format";

/** The price, who leads by bidder code, whether the hidden reserve is met, and who is watching. */
export function PriceSummary({ room, listing }: { room: AuctionRoom; listing: ListingDetail }) {
  const { t } = useTranslation();
  const { money } = useMoney(listing.currency);
  const { state } = room;
  const leader = state.leaderBidderCode;
  // Once closed, the result names the buyer; the price is final.
  const closed = Boolean(state.result) || !["live", "announced", "suspended"].includes(state.status);
  return (
    <div>
      <div className="flex items-start justify-between gap-3">
        <p className="text-sm text-slate-600">{closed ? t("auction.finalPrice") : t("listing.currentPrice")}</p>
        {state.watchers !== null ? (
          <p className="flex items-center gap-1 text-xs text-slate-600" data-testid="watchers">
            <svg aria-hidden viewBox="0 0 20 20" className="h-4 w-4 fill-current">
              <path d="M10 4C5.5 4 2 8.5 1.2 9.6a.7.7 0 0 0 0 .8C2 11.5 5.5 16 10 16s8-4.5 8.8-5.6a.7.7 0 0 0 0-.8C18 8.5 14.5 4 10 4Zm0 9.5a3.5 3.5 0 1 1 0-7 3.5 3.5 0 0 1 0 7Zm0-5.3a1.8 1.8 0 1 0 0 3.6 1.8 1.8 0 0 0 0-3.6Z" />
            </svg>
            {t("auction.watchers", { count: state.watchers })}
          </p>
        ) : null}
      </div>
      <p className="text-3xl font-bold break-words" data-testid="current-price">
        {state.currentPrice ? (
          <span className="tabular-nums">{money(state.currentPrice)}</span>
        ) : (
          <span className="text-xl font-medium text-slate-600">{closed ? t("auction.noBids") : t("listing.noBids")}</span>
        )}
      </p>
      <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-sm">
        <p hidden={closed}>
          <span className="text-slate-600">
            {t("listing.leader")}
            {t("auction.colon")}
          </span>
          <span className="font-semibold" data-testid="leader-code">
            {leader ? (leader === room.myCode ? t("auction.yourCode", { code: leader }) : leader) : "—"}
          </span>
        </p>
        <p className={`font-medium ${state.reserveMet ? "text-emerald-700" : "text-amber-800"}`} data-testid="reserve">
          {/* Met without any bid: there is no reserve at all. */}
          {state.reserveMet
            ? state.currentPrice
              ? t("listing.reserveMet")
              : t("auction.noReserve")
            : t("listing.reserveNotMet")}
        </p>
      </div>
    </div>
  );
}
