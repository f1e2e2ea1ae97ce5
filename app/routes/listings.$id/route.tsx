import { inLanguage, nameIn, titleIn } from "../../../core/bilingual";
import { regionName } from "../../../core/regions";
import { formatDateTime } from "../../../core/time";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { type ReactNode } from "react";
import type { StratificationView } from "../../../core/contract/packages";
import { useTranslation } from "react-i18next";
import { AuctionActivity, AuctionPanel } from "../../components/auction/auction-room";
import { ConnectionBanner, RoomAnnouncer } from "../../components/auction/room-notices";
import { Money, StatusBadge } from "../../components/listing-bits";
import { ModeGuide } from "../../components/mode-guide";
import { StratificationTotals } from "../../components/stratification-totals";
import { StratificationChartsLater } from "../../components/stratification-later";
import { ObjectionOutcomes, ParticipationPanel, PublicTimeline, SuspendedBanner } from "./lifecycle";
import { NegotiationPanel } from "../../components/negotiation-panel";
import { RoundBadge, RoundHistorySection } from "../../components/round-history";
import { RunnerUpOffer } from "./runner-up-offer";
import { Purchase } from "./purchase";
import { TenderPanel } from "../../components/tender-panel";
import { requirePermission } from "../../lib/auth.server";
import { listingPage } from "./page.server";
import { negotiationAction } from "./negotiation.server";
import { runnerUpAnswer } from "./runner-up.server";
import { sealedBidAction } from "./tender.server";
import { revealParties } from "./parties.server";
import { PartiesList } from "./parties";
import { CoverPhoto, DataRoomSection, QuestionsSection } from "./data-room";
import { askAction } from "./questions.server";
import { useAuctionRoom } from "../../lib/auction-room/use-auction-room";
import { formText } from "../../lib/form-data";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const locale = (matches.find((m) => m.id === "root")?.data as { locale?: string } | undefined)?.locale ?? "en";
  return [{ title: data ? `${titleIn(data.listing, locale)} · nplex` : "nplex" }];
};

export function loader({ params, context }: LoaderFunctionArgs) {
  return listingPage(context, params.id ?? "");
}

/** The page's forms, each answered by its sale mode's module; watching needs no more than a line. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const intent = formText(form, "intent");
  const id = params.id ?? "";
  const principal = requirePermission(context, request, intent === "sealed-bid" ? "investor.bid" : "account.manage");
  switch (intent) {
    case "sealed-bid":
      return sealedBidAction(context, principal, id, form);
    case "offer":
    case "accept":
      return negotiationAction(context, principal, id, intent, form);
    case "runner_up_accept":
    case "runner_up_decline": {
      const { status, result } = await runnerUpAnswer(context, principal, id, intent === "runner_up_accept");
      return data(result, { status });
    }
    case "reveal-parties":
      return revealParties(context, principal, formText(form, "assetId"));
    case "ask":
      return askAction(context, principal, id, form);
    case "watch":
    case "unwatch":
      await context.services.notifications.watch(principal, id, intent === "watch");
      return { notice: intent === "watch" ? ("watchedNotice" as const) : ("unwatchedNotice" as const) };
    default:
      throw new Response("Bad request", { status: 400 });
  }
}

type ListingPageData = ReturnType<typeof useLoaderData<typeof loader>>;

export default function ListingPage() {
  const data = useLoaderData<typeof loader>();
  // Another listing is another room: a fresh state and socket subscription. A tender has no room.
  return data.tender ? (
    <TenderListing key={data.listing.id} {...data} tender={data.tender} />
  ) : (
    <AuctionListing key={data.listing.id} {...data} />
  );
}

function AuctionListing(data: ListingPageData) {
  const { listing, signedIn } = data;
  const room = useAuctionRoom(data);
  // Before bidding opens, taking part comes first; once it has, the auction room does.
  const panelFirst = room.state.status !== "announced" && room.state.status !== "suspended";
  const notices = [
    <ConnectionBanner key="connection" room={room} />,
    <RoomAnnouncer key="announcer" room={room} listing={listing} />,
  ];
  const panel = (
    <AuctionPanel
      key="auction"
      room={room}
      listing={listing}
      signedIn={signedIn}
      firstBidWindowSeconds={data.rounds?.firstBidWindowSeconds ?? null}
    />
  );
  const actionData = useActionData<typeof action>();
  const negotiated = actionData && ("negotiation" in actionData || "negotiationRefusal" in actionData) ? actionData : undefined;
  const activity = data.negotiation ? (
    <NegotiationPanel thread={data.negotiation} currency={listing.currency} outcome={negotiated} />
  ) : (
    <AuctionActivity room={room} listing={listing} />
  );
  return <ListingView {...data} {...{ notices, panel, panelFirst, activity }} status={room.state.status} />;
}

function TenderListing({ tender, ...data }: ListingPageData & { tender: NonNullable<ListingPageData["tender"]> }) {
  const { listing, viewer, signedIn } = data;
  const actionData = useActionData<typeof action>();
  const outcome = actionData && ("receipt" in actionData || "tenderRefusal" in actionData) ? actionData : undefined;
  const panel = <TenderPanel {...{ listing, tender, signedIn, outcome }} registration={viewer.registration} />;
  return <ListingView {...data} status={listing.status} activity={panel} />;
}

type ListingViewProps = Pick<
  ListingPageData,
  | "listing"
  | "lifecycle"
  | "rounds"
  | "runnerUpOffer"
  | "mayRevealParties"
  | "stratification"
  | "dataRoom"
  | "questions"
  | "purchase"
  | "debtorNotice"
> & {
  status: string;
  notices?: ReactNode;
  /** The side panel beside taking part, and whether it comes first. */
  panel?: ReactNode;
  panelFirst?: boolean;
  activity: ReactNode;
};

function ListingView({
  listing,
  lifecycle,
  rounds,
  status,
  notices,
  panel,
  panelFirst,
  activity,
  runnerUpOffer,
  mayRevealParties,
  stratification,
  dataRoom,
  questions,
  purchase,
  debtorNotice,
}: ListingViewProps) {
  const { t, i18n } = useTranslation();
  const title = titleIn(listing, i18n.language);
  const actionData = useActionData<typeof action>();
  const revealed = actionData && "revealed" in actionData ? actionData.revealed : undefined;
  const refusedReveal = actionData && "revealRefused" in actionData ? actionData.revealRefused.assetId : undefined;
  const runnerUpOutcome = actionData && ("runnerUp" in actionData || "runnerUpRefusal" in actionData) ? actionData : undefined;
  const [search] = useSearchParams();
  const notice =
    actionData && "notice" in actionData
      ? t(`investing.listing.${actionData.notice}`)
      : search.get("objection") === "filed"
        ? t("investing.listing.objectionFiled")
        : null;
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
      {notices}
      <p className="text-sm">
        <Link to="/" className="text-brand-700 underline">
          ← {t("listing.back")}
        </Link>
      </p>
      <div className="mt-3 flex flex-wrap items-center gap-2 text-sm text-slate-600">
        <StatusBadge status={status} />
        <span>
          {t(`kind.${listing.kind}`)} · {t(`mode.${listing.mode}`)}
        </span>
        <RoundBadge round={rounds?.round} />
      </div>
      <h1 className="mt-2 text-2xl font-bold tracking-tight sm:text-3xl">{title}</h1>
      <p className="mt-1 whitespace-pre-line text-slate-700">
        {inLanguage({ en: listing.summary, zh: listing.summaryZh }, i18n.language)}
      </p>
      <CoverPhoto listingId={listing.id} room={dataRoom} alt={title} />
      <SuspendedBanner suspension={lifecycle.suspension} />
      {runnerUpOffer ? <RunnerUpOffer offer={runnerUpOffer} currency={listing.currency} outcome={runnerUpOutcome} /> : null}
      {purchase ? <Purchase purchase={purchase} listingId={listing.id} status={listing.status} /> : null}
      {debtorNotice ? (
        <p className="mt-3 text-sm" data-testid="debtor-notice-link">
          <Link to={`/listings/${listing.id}/debtor-notice`} className="font-semibold text-brand-700 underline">
            {t("closing.notice.link")}
          </Link>{" "}
          <span className="text-slate-600">{formatDateTime(debtorNotice.publishedAt, i18n.language)}</span>
        </p>
      ) : null}
      <ModeGuide listing={listing} />

      <div className="mt-6 grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:order-2">{panelFirst ? [panel, participation] : [participation, panel]}</div>

        <div className="space-y-6 lg:order-1 lg:col-span-2">
          {activity}
          {stratification ? <PortfolioSection stratification={stratification} startingPrice={listing.startingPrice} /> : null}
          <section aria-labelledby="lots-heading">
            <div className="flex items-baseline justify-between">
              <h2 id="lots-heading" className="text-lg font-semibold">
                {t("listing.lots")}
              </h2>
              <span className="text-sm text-slate-600">
                {t("listing.seller")}: {nameIn(listing.seller, i18n.language)} ·{" "}
                {t("listing.lotCount", { count: listing.assets.length })}
              </span>
            </div>
            {/* A package is read by its aggregates and its data room, not loan by loan. */}
            <div className="mt-3 space-y-4">
              {(stratification ? [] : listing.assets).map((asset) => (
                <div key={asset.id} className="rounded-lg border border-slate-200 bg-white p-4">
                  <h3 className="font-semibold">{asset.title}</h3>
                  <p className="mt-1 text-sm text-slate-700">{asset.description}</p>
                  <dl className="mt-3 grid gap-x-8 sm:grid-cols-2">
                    {fact(t("listing.region"), regionName(asset.region, i18n.language))}
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
                    <PartiesList
                      assetId={asset.id}
                      masked={asset.parties}
                      revealed={revealed?.assetId === asset.id ? revealed.parties : undefined}
                      refused={refusedReveal === asset.id}
                      mayReveal={mayRevealParties}
                    />
                  ) : null}
                </div>
              ))}
            </div>
          </section>
          <DataRoomSection listingId={listing.id} room={dataRoom} />
          <QuestionsSection
            room={dataRoom}
            questions={questions}
            status={status}
            answer={actionData && ("asked" in actionData || "questionRefused" in actionData) ? actionData : undefined}
          />
          <RoundHistorySection rounds={rounds} />
          <ObjectionOutcomes outcomes={lifecycle.outcomes} />
          <PublicTimeline entries={lifecycle.timeline} />
        </div>
      </div>
    </article>
  );
}

/** A package as buyers read it: its totals, the start as a share of its principal, and its stratification. */
function PortfolioSection({ stratification, startingPrice }: { stratification: StratificationView; startingPrice: string }) {
  const { t, i18n } = useTranslation();
  const principal = BigInt(stratification.totals.principal);
  const share = principal > 0n ? Number((BigInt(startingPrice) * 10_000n) / principal) / 100 : null;
  return (
    <section aria-labelledby="portfolio-heading" className="space-y-3">
      <h2 id="portfolio-heading" className="text-lg font-semibold">
        {t("listing.portfolio")}
      </h2>
      <StratificationTotals stratification={stratification} />
      {share === null ? null : (
        <p className="text-sm text-slate-700" data-testid="start-share">
          {t("listing.startShare", { share: `${share.toLocaleString(i18n.language, { maximumFractionDigits: 2 })}%` })}
        </p>
      )}
      <StratificationChartsLater stratification={stratification} />
    </section>
  );
}
