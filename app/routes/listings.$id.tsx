import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AuctionActivity, AuctionPanel } from "../components/auction/AuctionRoom";
import { ConnectionBanner, RoomAnnouncer } from "../components/auction/RoomNotices";
import { Money, StatusBadge } from "../components/listing-bits";
import { ObjectionOutcomes, ParticipationPanel, PublicTimeline, SuspendedBanner } from "../components/listing-lifecycle";
import { requirePermission } from "../lib/auth.server";
import { listingLifecycle } from "../lib/listing-lifecycle.server";
import { useAuctionRoom } from "../lib/use-auction-room";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.listing.title} · nplex` : "nplex" }];

export async function loader({ params, context }: LoaderFunctionArgs) {
  const id = params.id ?? "";
  const listing = await context.services.listings.getPublic(id);
  if (!listing) throw new Response("Not found", { status: 404 });
  // The first render already shows the bid log and the viewer's own standing; the socket then keeps them live.
  const viewer = await context.services.auction.viewerStatus(context.principal, id);
  const history = await context.services.auction.bidHistory(id, { afterSeq: 0 });
  return {
    listing,
    viewer,
    bids: history?.bids ?? [],
    signedIn: context.principal.kind === "user",
    serverTime: context.services.clock.now().toISOString(),
    lifecycle: await listingLifecycle(context, listing),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const principal = requirePermission(context, request, "account.manage");
  const intent = String((await request.formData()).get("intent") ?? "");
  if (intent !== "watch" && intent !== "unwatch") throw new Response("Bad request", { status: 400 });
  await context.services.notifications.watch(principal, params.id ?? "", intent === "watch");
  return { notice: intent === "watch" ? ("watchedNotice" as const) : ("unwatchedNotice" as const) };
}

type ListingPageData = ReturnType<typeof useLoaderData<typeof loader>>;

export default function ListingPage() {
  const data = useLoaderData<typeof loader>();
  // Another listing is another room: a fresh state and socket subscription.
  return <ListingView key={data.listing.id} {...data} />;
}

function ListingView({ listing, viewer, bids, signedIn, serverTime, lifecycle }: ListingPageData) {
  const { t } = useTranslation();
  const room = useAuctionRoom({ listing, bids, viewer, signedIn, serverTime });
  const actionData = useActionData<typeof action>();
  const [search] = useSearchParams();
  const notice = actionData?.notice
    ? t(`investing.listing.${actionData.notice}`)
    : search.get("objection") === "filed"
      ? t("investing.listing.objectionFiled")
      : null;
  // Before bidding opens, taking part comes first; once it has, the auction room does.
  const beforeBidding = room.state.status === "announced" || room.state.status === "suspended";
  const auction = <AuctionPanel key="auction" room={room} listing={listing} signedIn={signedIn} />;
  const participation = <ParticipationPanel key="participation" listingId={listing.id} lifecycle={lifecycle} notice={notice} />;
  const fact = (label: string, value: React.ReactNode) =>
    value === null || value === undefined ? null : (
      <div className="flex justify-between gap-4 border-b border-slate-100 py-1.5 text-sm">
        <dt className="text-slate-600">{label}</dt>
        <dd className="text-right">{value}</dd>
      </div>
    );
  return (
    <article>
      <ConnectionBanner room={room} />
      <RoomAnnouncer room={room} listing={listing} />
      <p className="text-sm">
        <Link to="/" className="text-brand-700 underline">
          ← {t("listing.back")}
        </Link>
      </p>
      <div className="mt-3 flex flex-wrap items-center gap-2 text-sm text-slate-600">
        <StatusBadge status={room.state.status} />
        <span>
          {t(`kind.${listing.kind}`)} · {t(`mode.${listing.mode}`)}
        </span>
      </div>
      <h1 className="mt-2 text-2xl font-bold tracking-tight sm:text-3xl">{listing.title}</h1>
      <p className="mt-1 text-slate-700">{listing.summary}</p>
      <SuspendedBanner suspension={lifecycle.suspension} />

      <div className="mt-6 grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:order-2">{beforeBidding ? [participation, auction] : [auction, participation]}</div>

        <div className="space-y-6 lg:order-1 lg:col-span-2">
          <AuctionActivity room={room} listing={listing} />
          <section aria-labelledby="lots-heading">
            <div className="flex items-baseline justify-between">
              <h2 id="lots-heading" className="text-lg font-semibold">
                {t("listing.lots")}
              </h2>
              <span className="text-sm text-slate-600">
                {t("listing.seller")}: {listing.seller.name} · {t("listing.lotCount", { count: listing.assets.length })}
              </span>
            </div>
            <div className="mt-3 space-y-4">
              {listing.assets.map((asset) => (
                <div key={asset.id} className="rounded-lg border border-slate-200 bg-white p-4">
                  <h3 className="font-semibold">{asset.title}</h3>
                  <p className="mt-1 text-sm text-slate-700">{asset.description}</p>
                  <dl className="mt-3 grid gap-x-8 sm:grid-cols-2">
                    {fact(t("listing.region"), asset.region)}
                    {fact(
                      t("listing.principal"),
                      asset.principal ? <Money value={asset.principal} currency={asset.currency} /> : null,
                    )}
                    {fact(
                      t("listing.interest"),
                      asset.accruedInterest ? <Money value={asset.accruedInterest} currency={asset.currency} /> : null,
                    )}
                    {fact(
                      t("listing.appraised"),
                      asset.appraisedValue ? <Money value={asset.appraisedValue} currency={asset.currency} /> : null,
                    )}
                    {fact(t("listing.classification"), asset.classification ? t(`classification.${asset.classification}`) : null)}
                    {fact(t("listing.security"), asset.security ? t(`security.${asset.security}`) : null)}
                    {fact(t("listing.litigation"), asset.litigationStatus ? t(`litigation.${asset.litigationStatus}`) : null)}
                  </dl>
                  {asset.parties.length ? (
                    <div className="mt-3">
                      <h4 className="text-sm font-medium">{t("listing.parties")}</h4>
                      <ul className="mt-1 text-sm" data-testid="parties">
                        {asset.parties.map((p, i) => (
                          <li key={i} className="flex flex-wrap gap-x-3">
                            <span className="text-slate-600">{t(`party.${p.role}`)}</span>
                            <span>{p.name}</span>
                            <span className="font-mono text-slate-600">{p.idNumber}</span>
                          </li>
                        ))}
                      </ul>
                      <p className="mt-1 text-xs text-slate-600">{t("listing.partiesMasked")}</p>
                    </div>
                  ) : null}
                </div>
              ))}
            </div>
          </section>
          <ObjectionOutcomes outcomes={lifecycle.outcomes} />
          <PublicTimeline entries={lifecycle.timeline} />
        </div>
      </div>
    </article>
  );
}
