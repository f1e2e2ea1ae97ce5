import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AppError } from "../../lib/refusal.server";
import { can } from "../../../core/identity/access";
import { StatusBadge } from "../../components/listing-bits";
import { NextRoundCard, RoundOrigin } from "./next-round";
import { DefaultCard } from "./default-card";
import { ActionsCard, LotsCard, TermsCard, WorkspaceTimeline } from "../../components/listing-workspace";
import { AnnouncementCard, RegistrationsCard, ReviewCard } from "../../components/listing-workspace-status";
import { requirePermission } from "../../lib/auth.server";
import { isRoundIntent, roundAction } from "./rounds.server";
import { defaultAction } from "./default.server";
import { isWorkflowIntent } from "./intents";
import { soldStatuses } from "../../../core/enums";
import { ClosingCard } from "./closing-card";
import { workflowAction } from "./workflow.server";
import { formText } from "../../lib/form-data";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} · nplex` : "nplex" }];

/** Personal and operational data: never cached, never restored from the back/forward cache. */
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const principal = requirePermission(context, request, "account.manage");
  const id = params.id ?? "";
  // Both reads start together; the workspace's answer comes first, so that an outsider learns
  // nothing of a private listing from the second: the same 404 as for one that does not exist.
  const roundsRead = context.services.rounds.options(principal, id).then(
    (rounds) => ({ rounds }),
    (error: unknown) => ({ error }),
  );
  const listing = await context.services.workspace.workspace(principal, id).catch((error: unknown) => {
    if (AppError.is(error) && error.code === "NOT_FOUND") throw new Response("Not found", { status: 404 });
    throw error;
  });
  // A failed listing may be followed by a next round: what its seller may do, with the figures to show.
  const next = await roundsRead;
  if ("error" in next) throw next.error;
  // The objector stays private (docs/domain.md "Objections"): only operators, who decide objections, see who filed one.
  const operator = can(principal, "listing.operate");
  const timeline = listing.timeline.map((entry) =>
    entry.action === "objection.filed" && !operator ? { ...entry, actor: "objector" } : entry,
  );
  const backTo = can(principal, "seller.listings.read", listing.seller.id)
    ? "/seller/listings"
    : operator
      ? "/operator/announcements"
      : "/review";
  const seller = can(principal, "seller.listings.read", listing.seller.id);
  return { title: listing.title, listing: { ...listing, timeline }, backTo, rounds: next.rounds, operator, seller };
}

/** The workspace's forms: the lifecycle's steps, the next round after a failed one, and a winner's default. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const principal = requirePermission(context, request, "account.manage");
  const id = params.id ?? "";
  const formData = await request.formData();
  const intent = formText(formData, "intent");
  if (isRoundIntent(intent)) {
    const { status, result } = await roundAction(context, principal, id, intent, formData);
    return data({ intent, round: result }, { status });
  }
  if (intent === "record_default") {
    const { status, result } = await defaultAction(context, principal, id, formData);
    return data({ intent, defaulted: result }, { status });
  }
  return workflowAction(context, principal, id, Object.fromEntries(formData));
}

export default function ListingWorkspace() {
  const { listing, backTo, rounds, operator, seller } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  // Which form answered: a lifecycle step, the next round, or a winner's default.
  const round = result && "round" in result ? result.round : undefined;
  const defaulted = result && "defaulted" in result ? result.defaulted : undefined;
  const step = result && !("round" in result) && !("defaulted" in result) ? result : undefined;
  const { t } = useTranslation();
  const actions = listing.allowed.filter((a) => a === "edit" || isWorkflowIntent(a));

  return (
    <article className="space-y-6">
      <p className="text-sm">
        <Link to={backTo} className="text-brand-700 underline">
          ← {t(`manage.back.${backTo.split("/").pop()}`)}
        </Link>
      </p>
      <header>
        <div className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
          <StatusBadge status={listing.status} />
          <span>
            {t(`mode.${listing.mode}`)} · {listing.seller.name}
          </span>
        </div>
        <h1 className="mt-2 text-2xl font-bold tracking-tight sm:text-3xl">{listing.title}</h1>
        {listing.summary ? <p className="mt-1 max-w-3xl whitespace-pre-line text-slate-700">{listing.summary}</p> : null}
        {listing.status === "suspended" && listing.suspendedFrom ? (
          <p className="mt-3 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
            {t("manage.suspendedFrom", { status: t(`status.${listing.suspendedFrom}`) })}
          </p>
        ) : null}
        <RoundOrigin listing={listing} />
        {seller ? (
          <p className="mt-3 text-sm">
            <Link to={`/seller/rooms/listing/${listing.id}`} className="text-brand-700 underline">
              {t("dataRoom.open")}
            </Link>
          </p>
        ) : null}
      </header>

      {/* A failed listing's next round and a sold listing's closing say what to do: "nothing to do" above them would mislead. */}
      {actions.length === 0 && (rounds?.canAct || isSold(listing)) ? null : (
        <ActionsCard listing={listing} actions={actions} result={step} />
      )}
      {isSold(listing) ? <ClosingCard listing={listing} /> : null}
      {listing.status === "failed" ? (
        <p className="text-sm">
          <Link to={`/listings/${listing.id}/report`} className="text-brand-700 underline">
            {t("closing.report.link")}
          </Link>
        </p>
      ) : null}
      {(listing.status === "awarded" || listing.status === "contracted") && (operator || listing.runnerUp) ? (
        <DefaultCard listing={listing} result={defaulted} />
      ) : null}
      {rounds ? <NextRoundCard listing={listing} options={rounds} result={round} /> : null}

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <TermsCard listing={listing} />
          <LotsCard listing={listing} />
        </div>

        <div className="space-y-6">
          <ReviewCard listing={listing} />
          <AnnouncementCard listing={listing} />
          <RegistrationsCard listing={listing} />
        </div>
      </div>

      <WorkspaceTimeline listing={listing} />
    </article>
  );
}

const isSold = <T extends { status: string }>(
  listing: T,
): listing is T & { status: "awarded" | "contracted" | "paid" | "closed" } =>
  (soldStatuses as readonly string[]).includes(listing.status);
