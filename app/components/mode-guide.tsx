import { useTranslation } from "react-i18next";
import type { ListingDetail } from "../../core/contract/listings";
import { formatDateTime } from "../../core/time";
import { formatMoney } from "../../core/money";

/**
 * What a sale mode means for an investor reading the listing: what it may do now, what happens
 * next, and when. Open auctions need no guide beyond the room; the other modes each have one.
 */
export function ModeGuide({ listing }: { listing: ListingDetail }) {
  const { t, i18n } = useTranslation();
  const when = (iso: string | null) => (iso ? formatDateTime(iso, i18n.language) : "—");
  const money = (minor: string) => formatMoney(minor, listing.currency, i18n.language);
  let now: string | null = null;
  let next: string[] = [];
  if (listing.mode === "designated") {
    const extended = listing.saleTerms.registrationExtendedAt;
    if (listing.status === "announced") {
      now = t("designated.guide.nowAnnounced", {
        floor: money(listing.startingPrice),
        until: when(listing.announcementEndsAt),
      });
      next = [
        extended
          ? t("designated.guide.extended", { at: when(extended), until: when(listing.announcementEndsAt) })
          : t("designated.guide.extendOnce"),
        t("designated.guide.alone"),
        t("designated.guide.auction", { start: when(listing.startsAt) }),
      ];
    } else if (listing.status === "live") {
      now = t("designated.guide.nowLive", { floor: money(listing.startingPrice), end: when(listing.endsAt) });
      next = [t("designated.guide.noBids")];
    } else if (listing.result?.outcome === "designated_floor") {
      now = t("designated.guide.boughtAtFloor", { floor: money(listing.result.price ?? listing.startingPrice) });
    }
  } else if (listing.mode === "negotiated") {
    if (listing.status === "announced") {
      now = t("designated.negotiatedGuide.nowAnnounced", { until: when(listing.announcementEndsAt) });
      next = [t("designated.negotiatedGuide.thread", { end: when(listing.endsAt) }), t("designated.negotiatedGuide.published")];
    } else if (listing.status === "live") {
      now = t("designated.negotiatedGuide.nowLive", { end: when(listing.endsAt) });
      next = [t("designated.negotiatedGuide.published")];
    }
  } else if (listing.mode === "tender") {
    const pricing = listing.saleTerms.tenderPricing === "second_price" ? "secondPrice" : "firstPrice";
    if (listing.status === "announced" || listing.status === "live") {
      now = t("designated.tenderGuide.now", { deadline: when(listing.endsAt) });
      next = [
        ...(listing.saleTerms.bestAndFinalTopN
          ? [t("designated.tenderGuide.bestAndFinal", { count: listing.saleTerms.bestAndFinalTopN })]
          : []),
        t("designated.tenderGuide.opening"),
        t(`designated.tenderGuide.${pricing}`),
      ];
    }
  }
  if (!now) return null;
  return (
    <section
      aria-labelledby="mode-guide-heading"
      className="mt-4 rounded-lg border border-sky-200 bg-sky-50 p-4 text-sm text-slate-800"
      data-testid="mode-guide"
    >
      <h2 id="mode-guide-heading" className="font-semibold">
        {t(`designated.guide.heading_${listing.mode}`)}
      </h2>
      <p className="mt-1">{now}</p>
      {next.length ? (
        <>
          <h3 className="mt-2 font-medium">{t("designated.guide.whatNext")}</h3>
          <ol className="mt-1 list-decimal space-y-0.5 pl-5">
            {next.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ol>
        </>
      ) : null}
    </section>
  );
}
