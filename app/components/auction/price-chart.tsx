import { useId } from "react";
import { useTranslation } from "react-i18next";
import type { ListingDetail } from "../../../core/contract/listings";
import type { AuctionRoom } from "../../lib/auction-room/use-auction-room";
import { formatTimeOfDay, sameDay } from "../../../core/time";
import { useMoney } from "./room-format";
import { formatInZone } from "../../../core/time";

const W = 300;
const H = 100;

/**
 * The price over time as a small step line. Coordinates only: plotting may round (Number), the
 * amounts shown beside it are formatted exactly. The text alternative says what the line shows.
 */
export function PriceChart({ room, listing }: { room: AuctionRoom; listing: ListingDetail }) {
  const { t, i18n } = useTranslation();
  const { money } = useMoney(listing.currency);
  const id = useId();
  const bids = room.state.bids;
  // One point is not a line: the log above says it all.
  if (bids.length < 2) return null;

  const first = bids[0]!;
  const last = bids[bids.length - 1]!;
  const live = room.state.status === "live";
  const t0 = Date.parse(first.placedAt);
  const t1 = Math.max(live ? room.now : Date.parse(last.placedAt), Date.parse(last.placedAt), t0 + 60_000);
  const lowest = BigInt(listing.startingPrice) < BigInt(first.amount) ? BigInt(listing.startingPrice) : BigInt(first.amount);
  const highest = bids.reduce((max, b) => (BigInt(b.amount) > max ? BigInt(b.amount) : max), lowest);
  const low = Number(lowest);
  const high = Number(highest);
  const span = Math.max(high - low, Number(listing.increment));
  const x = (ms: number) => ((ms - t0) / (t1 - t0)) * W;
  const y = (amount: number) => H - 6 - ((amount - low) / span) * (H - 12);

  let path = `M0 ${y(Number(first.amount)).toFixed(1)}`;
  for (const bid of bids.slice(1)) {
    path += ` H${x(Date.parse(bid.placedAt)).toFixed(1)} V${y(Number(bid.amount)).toFixed(1)}`;
  }
  path += ` H${W}`;
  const area = `${path} V${H} H0 Z`;

  const time = (iso: string) =>
    sameDay(iso, room.now)
      ? formatTimeOfDay(iso, i18n.language)
      : formatInZone(iso, i18n.language, { dateStyle: "short", timeStyle: "short" });
  const summary = t("auction.chart.summary", {
    count: bids.length,
    first: money(first.amount),
    firstTime: time(first.placedAt),
    last: money(last.amount),
    lastTime: time(last.placedAt),
  });

  return (
    <figure className="rounded-lg border border-slate-200 bg-white p-3" data-testid="price-chart">
      <figcaption id={`${id}-caption`} className="text-sm font-semibold">
        {t("auction.chart.heading")}
      </figcaption>
      <div className="relative mt-2">
        <svg
          role="img"
          aria-labelledby={`${id}-caption ${id}-desc`}
          viewBox={`0 0 ${W} ${H}`}
          preserveAspectRatio="none"
          className="block h-28 w-full"
        >
          <desc id={`${id}-desc`}>{summary}</desc>
          <line x1="0" x2={W} y1={H - 6} y2={H - 6} className="stroke-slate-200" vectorEffect="non-scaling-stroke" />
          <line
            x1="0"
            x2={W}
            y1="6"
            y2="6"
            className="stroke-slate-200"
            strokeDasharray="4 4"
            vectorEffect="non-scaling-stroke"
          />
          <path d={area} className="fill-brand-50" />
          <path d={path} className="fill-none stroke-brand-600" strokeWidth="2" vectorEffect="non-scaling-stroke" />
        </svg>
        <span aria-hidden className="absolute top-0 left-1 bg-white/80 px-1 text-xs text-slate-700 tabular-nums">
          {money(highest.toString())}
        </span>
        <span aria-hidden className="absolute right-1 bottom-1 bg-white/80 px-1 text-xs text-slate-700 tabular-nums">
          {money(lowest.toString())}
        </span>
      </div>
      <div aria-hidden className="mt-1 flex justify-between text-xs text-slate-600 tabular-nums">
        <span>{time(first.placedAt)}</span>
        <span>{live ? time(new Date(t1).toISOString()) : time(last.placedAt)}</span>
      </div>
    </figure>
  );
}
