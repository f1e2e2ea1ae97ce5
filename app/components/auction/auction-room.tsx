import { useTranslation } from "react-i18next";
import type { ListingDetail } from "../../../core/contract/listings";
import { formatDateTime } from "../../../core/time";
import type { AuctionRoom } from "../../lib/auction-room/use-auction-room";
import { BidBox, type BidBlock } from "./bid-box";
import { BidHistory } from "./bid-history";
import { Countdown } from "./countdown";
import { FixedPriceNotice } from "./fixed-price-notice";
import { PriceChart } from "./price-chart";
import { PriceSummary } from "./price-summary";
import { ProxyBidding } from "./proxy-bidding";
import { RoomNotices } from "./room-notices";
import { useMoney } from "./room-format";
import { ViewerStanding } from "./viewer-standing";

/**
 * Open ascending bidding happens in these modes (a fixed-price sale is one whose first bid must be
 * the full price); a tender's bids are sealed, a negotiated transfer is not an auction.
 */
const liveBiddingModes = new Set(["auction", "designated", "fixed_price"]);

function bidBlock(room: AuctionRoom, listing: ListingDetail, signedIn: boolean): BidBlock | null {
  const registration = room.viewer.registration;
  if (!signedIn) return "signedOut";
  if (!registration) return "notRegistered";
  if (registration.status === "pending") return "pending";
  if (registration.status !== "approved") return "rejected";
  if (room.state.status !== "live") return "notLive";
  if (listing.startsAt && room.now < Date.parse(listing.startsAt)) return "notStarted";
  if (room.remainingMs !== null && room.remainingMs <= 0) return "ended";
  if (room.leading) return "leading";
  return null;
}

/** The side panel: notices, price, clock or result, the viewer's standing, bidding, the terms. */
export function AuctionPanel({
  room,
  listing,
  signedIn,
  firstBidWindowSeconds = null,
}: {
  room: AuctionRoom;
  listing: ListingDetail;
  signedIn: boolean;
  /** A fixed-price sale's window for higher bids once taken. */
  firstBidWindowSeconds?: number | null;
}) {
  const { t, i18n } = useTranslation();
  const { money } = useMoney(listing.currency);
  const { state } = room;
  const open = state.status === "live" || state.status === "announced";
  const bidding = open && liveBiddingModes.has(listing.mode);
  const approved = room.viewer.registration?.status === "approved";
  const block = bidBlock(room, listing, signedIn);
  // Someone who cannot register from here learns why in the standing box; a bid box would only repeat it.
  const canBid = bidding && block !== "signedOut" && block !== "notRegistered" && block !== "rejected";
  if (listing.mode === "negotiated") return <NegotiatedTerms room={room} listing={listing} />;
  return (
    <section
      aria-labelledby="room-heading"
      className={`space-y-4 rounded-lg border bg-white p-4 ${room.endingSoon ? "border-rose-300" : "border-slate-200"}`}
      data-testid="auction-room"
    >
      <h2 id="room-heading" className="sr-only">
        {t("auction.room")}
      </h2>
      <RoomNotices room={room} listing={listing} />
      {listing.mode === "fixed_price" ? (
        <FixedPriceNotice room={room} listing={listing} windowSeconds={firstBidWindowSeconds} />
      ) : null}
      <PriceSummary room={room} listing={listing} />
      <Countdown room={room} listing={listing} />
      <ViewerStanding room={room} listing={listing} signedIn={signedIn} />
      {canBid ? (
        <BidBox
          room={room}
          listing={listing}
          block={block}
          takeAtFixedPrice={listing.mode === "fixed_price" && state.bidCount === 0}
        />
      ) : null}
      {bidding && approved && state.status === "live" ? (
        <ProxyBidding room={room} listing={listing} allowed={block === null || block === "leading"} />
      ) : null}

      <div>
        <h3 className="text-sm font-semibold">{t("auction.facts")}</h3>
        <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="text-slate-600">{t("listing.startingPrice")}</dt>
          <dd className="text-right tabular-nums">{money(listing.startingPrice)}</dd>
          {open ? (
            <>
              <dt className="text-slate-600">{t("listing.nextBid")}</dt>
              <dd className="text-right tabular-nums" data-testid="next-minimum">
                {money(room.nextMinimumBid)}
              </dd>
            </>
          ) : null}
          <dt className="text-slate-600">{t("listing.increment")}</dt>
          <dd className="text-right tabular-nums">{money(listing.increment)}</dd>
          <dt className="text-slate-600">{t("listing.deposit")}</dt>
          <dd className="text-right tabular-nums">{money(listing.deposit)}</dd>
          <dt className="text-slate-600">{t("auction.bidCount")}</dt>
          <dd className="text-right tabular-nums">{state.bidCount}</dd>
          {state.extensionCount > 0 ? (
            <>
              <dt className="text-slate-600">{t("auction.extensionCount")}</dt>
              <dd className="text-right tabular-nums" data-testid="extension-count">
                {state.extensionCount}
              </dd>
            </>
          ) : null}
          {listing.startsAt ? (
            <>
              <dt className="text-slate-600">{t("listing.starts")}</dt>
              <dd className="text-right">{formatDateTime(listing.startsAt, i18n.language)}</dd>
            </>
          ) : null}
        </dl>
        <p className="mt-3 text-xs text-slate-600">
          {t("listing.antiSniping", {
            window: Math.round(listing.antiSniping.windowSeconds / 60),
            extension: Math.round(listing.antiSniping.extensionSeconds / 60),
          })}
        </p>
      </div>
    </section>
  );
}

/**
 * A negotiated transfer has no bidding: beside the thread, the negotiation's clock or result and
 * the terms it is negotiated on (the asking price and the counterparty's deposit).
 */
function NegotiatedTerms({ room, listing }: { room: AuctionRoom; listing: ListingDetail }) {
  const { t } = useTranslation();
  const { money } = useMoney(listing.currency);
  return (
    <section
      aria-labelledby="room-heading"
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-4"
      data-testid="auction-room"
    >
      <h2 id="room-heading" className="sr-only">
        {t("auction.room")}
      </h2>
      <Countdown room={room} listing={listing} />
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-slate-600">{t("negotiation.askingPrice")}</dt>
        <dd className="text-right tabular-nums">{money(listing.startingPrice)}</dd>
        <dt className="text-slate-600">{t("listing.deposit")}</dt>
        <dd className="text-right tabular-nums">{money(listing.deposit)}</dd>
      </dl>
    </section>
  );
}

/** The bid log and the price line, beside the lots on wide screens. */
export function AuctionActivity({ room, listing }: { room: AuctionRoom; listing: ListingDetail }) {
  if (!liveBiddingModes.has(listing.mode) && room.state.bids.length === 0) return null;
  return (
    <div className="space-y-4">
      <BidHistory room={room} listing={listing} />
      <PriceChart room={room} listing={listing} />
    </div>
  );
}
