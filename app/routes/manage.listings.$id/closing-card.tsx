import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Workspace } from "../../components/listing-workspace";

type SoldStatus = "awarded" | "contracted" | "paid" | "closed";

/** After the hammer: where the closing stands, and the transfer agreement to read or sign. */
export function ClosingCard({ listing }: { listing: Workspace & { status: SoldStatus } }) {
  const { t } = useTranslation();
  return (
    <section
      aria-labelledby="closing-heading"
      className="rounded-lg border border-emerald-200 bg-white p-4 sm:p-5"
      data-testid="closing-card"
    >
      <h2 id="closing-heading" className="text-lg font-semibold">
        {t("closing.agreement.cardHeading")}
      </h2>
      <p className="mt-1 text-sm text-slate-700">{t(`closing.agreement.cardIntro.${listing.status}`)}</p>
      <p className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm">
        <Link to={`/listings/${listing.id}/agreement`} className="font-semibold text-brand-700 underline">
          {listing.status === "awarded" ? t("closing.agreement.link") : t("closing.agreement.linkRead")}
        </Link>
        <a href={`/listings/${listing.id}/confirmation.pdf`} className="text-brand-700 underline">
          {t("closing.agreement.confirmationPdf")}
        </a>
        <Link to={`/listings/${listing.id}/handover`} className="text-brand-700 underline">
          {t("closing.handover.link")}
        </Link>
        <Link to={`/listings/${listing.id}/report`} className="text-brand-700 underline">
          {t("closing.report.link")}
        </Link>
        {/* Only claims have debtors to notify. */}
        {(listing.status === "paid" || listing.status === "closed") && listing.lots.some((lot) => lot.kind === "claim") ? (
          <Link to={`/listings/${listing.id}/debtor-notice`} className="text-brand-700 underline">
            {t("closing.notice.link")}
          </Link>
        ) : null}
      </p>
    </section>
  );
}
