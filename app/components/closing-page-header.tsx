import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** The head of a sale's closing pages (agreement, hand-over, notice): back to the listing, the page's title, the lot, what the page is for. */
export function ClosingPageHeader({
  listingId,
  title,
  listingTitle,
  intro,
}: {
  listingId: string;
  title: string;
  listingTitle: string;
  intro: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      <p className="text-sm">
        <Link to={`/listings/${listingId}`} className="text-brand-700 underline">
          ← {t("investing.backToListing")}
        </Link>
      </p>
      <h1 className="mt-3 text-2xl font-bold tracking-tight sm:text-3xl">{title}</h1>
      <p className="mt-1 text-lg text-slate-800">{listingTitle}</p>
      <p className="mt-2 text-slate-700">{intro}</p>
    </>
  );
}
