import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ListingDetail } from "../../../core/contract/listings";
import type { AuctionRoom } from "../../lib/auction-room/use-auction-room";
import { formatTimeOfDay } from "../../../core/time";
import { useMoney } from "./room-format";

/**
 * "You have been outbid" and "Ending in 5 minutes" for a registered bidder: visible until
 * dismissed, and read out at once (the region exists from the start, so additions are announced).
 */
export function RoomNotices({ room, listing }: { room: AuctionRoom; listing: ListingDetail }) {
  const { t } = useTranslation();
  const { money } = useMoney(listing.currency);
  return (
    <div
      aria-live="assertive"
      aria-relevant="additions text"
      aria-label={t("auction.notices.label")}
      className="space-y-2 empty:hidden"
    >
      {room.notices
        .filter((notice) => notice.kind !== "endingSoon" || room.state.status === "live")
        .map((notice) => (
          <div
            key={notice.id}
            data-testid={`notice-${notice.kind}`}
            className={`flex items-start justify-between gap-3 rounded-md border px-3 py-2 text-sm font-semibold ${
              notice.kind === "endingSoon"
                ? "border-amber-300 bg-amber-50 text-amber-900"
                : "border-rose-300 bg-rose-50 text-rose-900"
            }`}
          >
            <p>
              {notice.kind === "outbid"
                ? t("auction.notices.outbid", { price: money(notice.price ?? room.state.currentPrice) })
                : notice.kind === "maximumPassed"
                  ? t("auction.notices.maximumPassed", { amount: money(notice.price ?? null) })
                  : t("auction.notices.endingSoon")}
            </p>
            <button
              type="button"
              onClick={() => room.dismissNotice(notice.id)}
              className="-my-1 shrink-0 rounded px-2 py-1 text-base leading-none font-normal hover:bg-white/60"
              aria-label={t("auction.notices.dismiss")}
            >
              ×
            </button>
          </div>
        ))}
    </div>
  );
}

/** While the socket is down, say that the numbers may be stale; say so again once caught up. */
export function ConnectionBanner({ room }: { room: AuctionRoom }) {
  const { t } = useTranslation();
  const text =
    room.connection === "offline" ? t("auction.connection.offline") : room.reconnected ? t("auction.connection.online") : "";
  return (
    <div role="status" className="sticky top-0 z-20 empty:hidden" data-testid="connection-banner">
      {text ? (
        <p
          className={`mb-3 rounded-md border px-3 py-2 text-sm font-medium shadow-sm ${
            room.connection === "offline"
              ? "border-amber-400 bg-amber-50 text-amber-900"
              : "border-emerald-300 bg-emerald-50 text-emerald-900"
          }`}
        >
          {text}
        </p>
      ) : null}
    </div>
  );
}

const QUIET_MS = 5000;

/**
 * Price changes for screen readers, at most one message every few seconds (the latest wins),
 * never for the viewer's own bid (the bid box already said so), plus extensions and the result.
 */
export function RoomAnnouncer({ room, listing }: { room: AuctionRoom; listing: ListingDetail }) {
  const { t, i18n } = useTranslation();
  const { money } = useMoney(listing.currency);
  const [message, setMessage] = useState("");
  const lastSpoken = useRef(0);
  const pending = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const { currentPrice, leaderBidderCode, lastExtension, result } = room.state;
  // What the page showed when it opened is not news.
  const opened = useRef({ currentPrice, leaderBidderCode, lastExtension, result });

  useEffect(() => {
    const seen = opened.current;
    if (currentPrice === seen.currentPrice && leaderBidderCode === seen.leaderBidderCode && lastExtension === seen.lastExtension)
      return;
    if (result) return; // the result is announced below
    const parts: string[] = [];
    if (currentPrice && leaderBidderCode && leaderBidderCode !== room.myCode) {
      parts.push(t("auction.announce.price", { price: money(currentPrice), code: leaderBidderCode }));
    }
    if (lastExtension && Date.now() - lastExtension.at < 2000) {
      parts.push(t("auction.extendedAnnounce", { time: formatTimeOfDay(lastExtension.to, i18n.language) }));
    }
    if (!parts.length) return;
    const text = parts.join(" ");
    clearTimeout(pending.current);
    const wait = Math.max(0, lastSpoken.current + QUIET_MS - Date.now());
    pending.current = setTimeout(() => {
      lastSpoken.current = Date.now();
      setMessage(text);
    }, wait);
    // Announce when the price, the leader or the end changes, and only then: the formatters and the
    // rest of the room are read as they stand, and a new render must not repeat the announcement.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [currentPrice, leaderBidderCode, lastExtension]);

  useEffect(() => {
    if (!result || result === opened.current.result) return;
    clearTimeout(pending.current);
    const text =
      result.outcome === "sold"
        ? result.bidderNo
          ? t("auction.result.sold", { code: result.bidderNo, price: money(result.price) })
          : t("auction.result.soldUnknown", { price: money(result.price) })
        : result.outcome === "designated_floor"
          ? t("auction.result.designated_floor", { price: money(result.price) })
          : t(`auction.result.${result.outcome}`);
    setMessage(text);
    // The result is announced once, when it arrives; see above.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [result]);

  useEffect(() => () => clearTimeout(pending.current), []);

  return (
    <div aria-live="polite" aria-atomic="true" className="sr-only">
      {message}
    </div>
  );
}
