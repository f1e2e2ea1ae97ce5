import { soldStatuses } from "../../../core/enums";
import { useTranslation } from "react-i18next";
import type { ListingDetail } from "../../../core/contract/listings";
import { formatDateTime } from "../../../core/time";
import type { AuctionRoom } from "../../lib/auction-room/use-auction-room";
import { useMoney } from "./room-format";

/**
 * A fixed-price sale (变卖) in words: what an investor may do now, what happens next and when.
 * The first taker at the full price opens a window for higher bids (server/sale-modes/auction/rules.ts);
 * the room's live state says which stage the sale is at.
 */
export function FixedPriceNotice({
  room,
  listing,
  windowSeconds,
}: {
  room: AuctionRoom;
  listing: ListingDetail;
  windowSeconds: number | null;
}) {
  const { t, i18n } = useTranslation();
  const { money } = useMoney(listing.currency);
  const { state } = room;
  const when = (iso: string | null) => (iso ? formatDateTime(iso, i18n.language) : "—");
  const hours = Math.round((windowSeconds ?? 86_400) / 3600);
  const price = money(listing.startingPrice);
  const end = when(state.endsAt ?? listing.endsAt);

  let lines: string[];
  if (state.result?.outcome === "sold" || (soldStatuses as readonly string[]).includes(state.status)) {
    lines = [
      t("rounds.fixedPrice.sold", {
        price: money(state.result?.price ?? state.currentPrice),
        code: state.result?.bidderNo ?? state.leaderBidderCode ?? "?",
      }),
    ];
  } else if (state.status === "failed" || state.result) {
    lines = [t("rounds.fixedPrice.lapsed")];
  } else if (state.status === "live" && state.bidCount > 0) {
    lines = [t("rounds.fixedPrice.taken", { price, end })];
    if (state.currentPrice && state.currentPrice !== listing.startingPrice) {
      lines.push(t("rounds.fixedPrice.best", { current: money(state.currentPrice), code: state.leaderBidderCode ?? "?" }));
    }
    lines.push(t("rounds.fixedPrice.takenNext", { increment: money(listing.increment) }));
  } else if (state.status === "live") {
    lines = [t("rounds.fixedPrice.open", { hours }), t("rounds.fixedPrice.openNext", { end })];
  } else {
    lines = [
      t("rounds.fixedPrice.announced", { start: when(listing.startsAt), price, hours, end }),
      t("rounds.fixedPrice.announcedNow", { deposit: money(listing.deposit) }),
    ];
  }
  return (
    <div className="rounded-md border border-sky-300 bg-sky-50 px-3 py-2 text-sm text-sky-950" data-testid="fixed-price-notice">
      <h3 className="font-semibold">{t("rounds.fixedPrice.heading")}</h3>
      {lines.map((line) => (
        <p key={line} className="mt-1">
          {line}
        </p>
      ))}
    </div>
  );
}
