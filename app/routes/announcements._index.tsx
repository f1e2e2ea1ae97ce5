import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { announcementQuerySchema } from "../../core/contract/listings";
import { DataTable } from "../components/data-table";
import { StatusBadge } from "../components/listing-bits";
import { isChinese, Pagination, PeriodLabel, useDates } from "../components/investing-bits";
import { i18nServer } from "../i18n.server";
import { keepWithinPages } from "../lib/pages.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} · nplex` : "nplex" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  // A hand-edited URL with a bad page number shows the first page rather than an error.
  const parsed = announcementQuerySchema.safeParse(params);
  const query = parsed.success ? parsed.data : announcementQuerySchema.parse({ q: params.q?.slice(0, 100) });
  const [page, t] = await Promise.all([context.services.listings.listAnnouncements(query), i18nServer.getFixedT(request)]);
  keepWithinPages(request, page);
  return { ...page, title: t("announcements.title") };
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["items"][number];

export default function Announcements() {
  const { items, total, page, pageSize } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const { date, dateTime } = useDates();
  const [params] = useSearchParams();
  const zh = isChinese(i18n.language);
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const hrefFor = (n: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(n));
    return `/announcements?${next}`;
  };

  return (
    <div>
      <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{t("announcements.title")}</h1>
      <p className="mt-2 max-w-3xl text-slate-700">{t("announcements.intro")}</p>

      <Form
        method="get"
        role="search"
        aria-label={t("announcements.searchLabel")}
        className="mt-6 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3"
      >
        <div className="flex min-w-48 flex-1 flex-col gap-1">
          <label htmlFor="announcement-q" className="text-xs font-medium text-slate-700">
            {t("announcements.searchLabel")}
          </label>
          <input
            id="announcement-q"
            name="q"
            type="search"
            maxLength={100}
            defaultValue={params.get("q") ?? ""}
            placeholder={t("announcements.searchPlaceholder")}
            className="rounded border border-slate-300 px-2 py-1.5 text-sm"
          />
        </div>
        <button type="submit" className="rounded bg-brand-700 px-4 py-1.5 text-sm font-semibold text-white hover:bg-brand-900">
          {t("announcements.search")}
        </button>
      </Form>

      <p className="mt-4 text-sm text-slate-600" aria-live="polite">
        {t("announcements.results", { count: total })}
      </p>
      {items.length === 0 ? (
        <p className="mt-8 text-center text-slate-600">{t("announcements.empty")}</p>
      ) : (
        <div className="mt-3">
          <DataTable<Row>
            caption={t("announcements.caption")}
            captionHidden
            rows={items}
            rowKey={(row) => row.listingId}
            columns={[
              {
                key: "title",
                header: t("announcements.colTitle"),
                primary: true,
                cell: (row) => (
                  <Link
                    to={`/announcements/${row.listingId}`}
                    lang={zh ? "zh-CN" : "en"}
                    className="font-semibold text-brand-700 underline-offset-2 hover:underline"
                  >
                    {zh ? row.titleZh : row.titleEn}
                  </Link>
                ),
              },
              { key: "seller", header: t("announcements.colSeller"), cell: (row) => row.sellerName },
              {
                key: "published",
                header: t("announcements.colPublished"),
                cell: (row) => <time dateTime={row.publishedAt}>{date(row.publishedAt)}</time>,
                className: "whitespace-nowrap",
              },
              {
                key: "period",
                header: t("announcements.colPeriod"),
                cell: (row) => <PeriodLabel days={row.periodDays} workingDays={row.workingDays} />,
                className: "whitespace-nowrap",
              },
              {
                key: "ends",
                header: t("announcements.colEnds"),
                cell: (row) => <time dateTime={row.endsAt}>{dateTime(row.endsAt)}</time>,
                className: "whitespace-nowrap",
              },
              { key: "status", header: t("announcements.colStatus"), cell: (row) => <StatusBadge status={row.listingStatus} /> },
            ]}
          />
        </div>
      )}
      <Pagination page={page} pages={pages} hrefFor={hrefFor} />
    </div>
  );
}
