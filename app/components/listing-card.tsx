import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { nameIn, titleIn } from "../../core/bilingual";
import type { ListingSummary } from "../../core/contract/listings";
import { regionName } from "../../core/regions";
import { ListingClock, Money, StatusBadge } from "./listing-bits";

export function ListingCard({ listing }: { listing: ListingSummary }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return (
    <article className="flex flex-col rounded-lg border border-slate-200 bg-white p-4 shadow-sm transition hover:shadow-md">
      {listing.coverId ? (
        <img
          src={`/listings/${listing.id}/documents/${listing.coverId}?view=1`}
          alt=""
          loading="lazy"
          className="-mx-4 -mt-4 mb-3 aspect-[16/9] w-[calc(100%+2rem)] max-w-none rounded-t-lg object-cover"
        />
      ) : null}
      <div className="flex items-center justify-between gap-2 text-xs text-slate-600">
        <span>
          {t(`kind.${listing.kind}`)} · {t(`mode.${listing.mode}`)}
        </span>
        <StatusBadge status={listing.status} />
      </div>
      <h2 className="mt-2 text-base font-semibold leading-snug">
        <Link to={`/listings/${listing.id}`} className="hover:text-brand-700 hover:underline">
          {titleIn(listing, language)}
        </Link>
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        {nameIn(listing.seller, language)}
        {listing.region ? ` · ${regionName(listing.region, language)}` : ""}
      </p>
      <dl className="mt-4 grid grid-cols-2 gap-x-3 gap-y-1 text-sm">
        <CardPrices listing={listing} />
        <ListingClock status={listing.status} startsAt={listing.startsAt} endsAt={listing.endsAt} />
      </dl>
    </article>
  );
}

/**
 * The prices a card shows, as its sale mode has them: an auction's or a fixed-price sale's start and
 * current price; a tender's minimum offer, its bids sealed; a negotiated transfer's asking price.
 */
function CardPrices({ listing }: { listing: ListingSummary }) {
  const { t } = useTranslation();
  const start = <Money value={listing.startingPrice} currency={listing.currency} />;
  if (listing.mode === "tender" || listing.mode === "negotiated") {
    return (
      <>
        <dt className="text-slate-600">
          {t(listing.mode === "tender" ? "listing.card.minimumOffer" : "listing.card.askingPrice")}
        </dt>
        <dd>{start}</dd>
        <dt className="text-slate-600">{t("listing.card.offers")}</dt>
        <dd className="text-slate-700">{t(listing.mode === "tender" ? "listing.card.sealed" : "listing.card.negotiated")}</dd>
      </>
    );
  }
  return (
    <>
      <dt className="text-slate-600">
        {t(listing.mode === "fixed_price" ? "listing.card.fixedPrice" : "listing.startingPrice")}
      </dt>
      <dd>{start}</dd>
      <dt className="text-slate-600">{t("listing.currentPrice")}</dt>
      <dd className="font-semibold">
        {listing.currentPrice ? (
          <Money value={listing.currentPrice} currency={listing.currency} />
        ) : (
          <span className="font-normal text-slate-600">
            {t(listing.mode === "fixed_price" ? "listing.card.noTaker" : "listing.noBids")}
          </span>
        )}
      </dd>
    </>
  );
}
