import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { ListingSummary } from "../../core/contract/listings";
import { ListingClock, Money, StatusBadge } from "./listing-bits";

export function ListingCard({ listing }: { listing: ListingSummary }) {
  const { t } = useTranslation();
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
          {listing.title}
        </Link>
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        {listing.seller.name}
        {listing.region ? ` · ${listing.region}` : ""}
      </p>
      <dl className="mt-4 grid grid-cols-2 gap-x-3 gap-y-1 text-sm">
        <dt className="text-slate-600">{t("listing.startingPrice")}</dt>
        <dd>
          <Money value={listing.startingPrice} currency={listing.currency} />
        </dd>
        <dt className="text-slate-600">{t("listing.currentPrice")}</dt>
        <dd className="font-semibold">
          {listing.currentPrice ? (
            <Money value={listing.currentPrice} currency={listing.currency} />
          ) : (
            <span className="font-normal text-slate-600">{t("listing.noBids")}</span>
          )}
        </dd>
        <ListingClock status={listing.status} startsAt={listing.startsAt} endsAt={listing.endsAt} />
      </dl>
    </article>
  );
}
