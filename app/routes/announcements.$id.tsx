import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StatusBadge } from "../components/listing-bits";
import { isChinese, PeriodLabel, useDates } from "../components/investing-bits";
import { i18nServer } from "../i18n.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} · nplex` : "nplex" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const id = params.id ?? "";
  const { listings, clock } = context.services;
  const [announcement, listing, locale] = await Promise.all([
    listings.announcementOf(id),
    listings.getPublic(id),
    i18nServer.getLocale(request),
  ]);
  if (!announcement || !listing) throw new Response("Not found", { status: 404 });
  // The listing's own end moves when a suspension is lifted; the published text keeps the original date.
  const periodEndsAt = listing.announcementEndsAt ?? announcement.endsAt;
  return {
    title: isChinese(locale) ? announcement.titleZh : announcement.titleEn,
    listingId: listing.id,
    listingStatus: listing.status,
    sellerName: listing.seller.name,
    announcement,
    periodEndsAt,
    periodOver: clock.now() >= new Date(periodEndsAt),
    objectionOpen: listing.status === "announced" && clock.now() < new Date(periodEndsAt),
  };
}

/** The published text: numbered sections become headings, "- " lines a list, the rest paragraphs. */
function AnnouncementText({ text, lang, headingLevel = 2 }: { text: string; lang: string; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const blocks = text.split(/\n\s*\n/);
  return (
    <div lang={lang} className="space-y-4 leading-relaxed text-slate-800">
      {blocks.map((block, b) => {
        const lines = block.split("\n").filter((line) => line.trim() !== "");
        const [first, ...rest] = lines;
        const isHeading = first !== undefined && rest.length > 0 && /^(\d+\.|[一二三四五六七八九十]+、)/.test(first);
        const body = isHeading ? rest : lines;
        const items = body.filter((line) => line.startsWith("- "));
        const paragraphs = body.filter((line) => !line.startsWith("- "));
        return (
          <section key={b}>
            {isHeading ? <Heading className="mb-1 font-semibold text-slate-900">{first}</Heading> : null}
            {items.length ? (
              <ul className="list-disc space-y-1 pl-6">
                {items.map((line, i) => (
                  <li key={i}>{line.slice(2)}</li>
                ))}
              </ul>
            ) : null}
            {paragraphs.map((line, i) => (
              <p key={i} className={items.length || i > 0 ? "mt-1" : undefined}>
                {line}
              </p>
            ))}
          </section>
        );
      })}
    </div>
  );
}

export default function AnnouncementPage() {
  const { title, listingId, listingStatus, sellerName, announcement, periodEndsAt, periodOver, objectionOpen } =
    useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const { dateTime } = useDates();
  const zh = isChinese(i18n.language);
  const own = zh ? { text: announcement.bodyZh, lang: "zh-CN" } : { text: announcement.bodyEn, lang: "en" };
  const other = zh ? { text: announcement.bodyEn, lang: "en" } : { text: announcement.bodyZh, lang: "zh-CN" };
  const fact = (label: string, value: React.ReactNode) => (
    <div className="flex justify-between gap-4 border-b border-slate-100 py-1.5 text-sm last:border-b-0">
      <dt className="text-slate-600">{label}</dt>
      <dd className="text-right">{value}</dd>
    </div>
  );

  return (
    <article>
      <p className="text-sm">
        <Link to="/announcements" className="text-brand-700 underline">
          ← {t("announcements.back")}
        </Link>
      </p>
      <h1 className="mt-3 text-2xl font-bold tracking-tight sm:text-3xl">{title}</h1>

      <div className="mt-6 grid gap-6 lg:grid-cols-3">
        <aside className="space-y-4 lg:order-2" aria-label={t("announcements.period")}>
          <div className="rounded-lg border border-slate-200 bg-white p-4">
            <dl>
              {fact(t("announcements.seller"), sellerName)}
              {fact(
                t("announcements.published"),
                <time dateTime={announcement.publishedAt}>{dateTime(announcement.publishedAt)}</time>,
              )}
              {fact(
                t("announcements.period"),
                <PeriodLabel days={announcement.periodDays} workingDays={announcement.workingDays} />,
              )}
              {fact(t("announcements.periodEnds"), <time dateTime={periodEndsAt}>{dateTime(periodEndsAt)}</time>)}
              {fact(t("announcements.listingStatus"), <StatusBadge status={listingStatus} />)}
            </dl>
            <p className="mt-3 text-sm font-medium" data-testid="period-state">
              {periodOver ? t("announcements.over") : t("announcements.running")}
            </p>
          </div>
          <div className="flex flex-col gap-2">
            <Link
              to={`/listings/${listingId}`}
              className="inline-flex items-center justify-center rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-900"
            >
              {t("announcements.viewListing")}
            </Link>
            {objectionOpen ? (
              <>
                <Link
                  to={`/listings/${listingId}/objection`}
                  className="inline-flex items-center justify-center rounded border border-slate-300 bg-white px-4 py-2 font-semibold text-slate-800 hover:bg-slate-100"
                >
                  {t("announcements.fileObjection")}
                </Link>
                <p className="text-xs text-slate-600">{t("announcements.objectionHint", { date: dateTime(periodEndsAt) })}</p>
              </>
            ) : null}
          </div>
        </aside>

        <div className="space-y-6 lg:order-1 lg:col-span-2">
          <section aria-label={t("announcements.text")} className="rounded-lg border border-slate-200 bg-white p-5">
            <AnnouncementText text={own.text} lang={own.lang} />
          </section>
          <details className="group rounded-lg border border-slate-200 bg-white">
            <summary className="cursor-pointer px-5 py-3 font-medium text-brand-700">
              <span className="group-open:hidden">{t("announcements.showOther")}</span>
              <span className="hidden group-open:inline">{t("announcements.hideOther")}</span>
            </summary>
            <div className="border-t border-slate-100 px-5 py-4">
              <h2 className="sr-only">{t("announcements.otherHeading")}</h2>
              <p lang={other.lang} className="mb-3 font-semibold">
                {zh ? announcement.titleEn : announcement.titleZh}
              </p>
              <AnnouncementText text={other.text} lang={other.lang} headingLevel={3} />
            </div>
          </details>
        </div>
      </div>
    </article>
  );
}
