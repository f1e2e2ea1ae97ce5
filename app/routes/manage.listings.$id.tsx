import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { AppError } from "../lib/refusal.server";
import { can } from "../../core/identity/access";
import type { Refusal } from "../lib/refusal";
import { StatusBadge } from "../components/listing-bits";
import { NextRoundCard, RoundOrigin } from "../components/listing-rounds";
import { DefaultCard } from "../components/runner-up";
import { ActionsCard, LotsCard, TermsCard, WorkspaceTimeline } from "../components/listing-workspace";
import { AnnouncementCard, RegistrationsCard, ReviewCard } from "../components/listing-workspace-status";
import { i18nServer } from "../i18n.server";
import { requirePermission } from "../lib/auth.server";
import { refusalOf } from "../lib/refusal.server";
import { isRoundIntent, roundAction } from "../lib/rounds.server";
import { defaultAction } from "../lib/runner-up.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} · nplex` : "nplex" }];

/** Personal and operational data: never cached, never restored from the back/forward cache. */
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const principal = requirePermission(context, request, "account.manage");
  const [listing, t] = await Promise.all([
    context.services.workspace.workspace(principal, params.id ?? "").catch((error: unknown) => {
      // Outsiders learn nothing of a private listing: the same answer as for one that does not exist.
      if (AppError.is(error) && error.code === "NOT_FOUND") throw new Response("Not found", { status: 404 });
      throw error;
    }),
    i18nServer.getFixedT(request),
  ]);
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
  // A failed listing may be followed by a next round: what its seller may do, with the figures to show.
  const rounds = await context.services.rounds.options(principal, listing.id);
  return { title: listing.title, listing: { ...listing, timeline }, backTo, rounds, operator };
}

/** The actions this page posts, each to one workflow method. */
const intents = ["submit", "approve", "check_disclosure", "return", "publish", "suspend", "resume", "withdraw"] as const;
type Intent = (typeof intents)[number];
const actionSchema = z.object({ intent: z.enum(intents), reason: z.string().max(2000).optional() });

type ActionResult = { intent: string; notice?: Intent; refusal?: Refusal; round?: undefined; defaulted?: undefined };

export async function action({ request, context, params }: ActionFunctionArgs) {
  const principal = requirePermission(context, request, "account.manage");
  const { workflow } = context.services;
  const id = params.id ?? "";
  const formData = await request.formData();
  const form = Object.fromEntries(formData);
  const intent = String(form.intent ?? "");
  if (isRoundIntent(intent)) {
    const { status, result } = await roundAction(context, principal, id, intent, formData);
    return data({ intent, round: result, defaulted: undefined }, { status });
  }
  if (intent === "record_default") {
    const { status, result } = await defaultAction(context, principal, id, formData);
    return data({ intent, defaulted: result, round: undefined }, { status });
  }
  try {
    const input = actionSchema.parse(form);
    const reason = { reason: input.reason ?? "" };
    switch (input.intent) {
      case "submit":
        await workflow.submit(principal, id);
        break;
      case "approve":
        await workflow.approve(principal, id, reason);
        break;
      case "check_disclosure":
        await workflow.checkDisclosure(principal, id);
        break;
      case "return":
        await workflow.returnForChanges(principal, id, reason);
        break;
      case "publish":
        await workflow.publish(principal, id);
        break;
      case "suspend":
        await workflow.suspend(principal, id, reason);
        break;
      case "resume":
        await workflow.resume(principal, id, reason);
        break;
      case "withdraw":
        await workflow.withdraw(principal, id, reason);
        break;
    }
    return data<ActionResult>({ intent, notice: input.intent });
  } catch (error) {
    const { status, refusal } = refusalOf(error);
    if (refusal.code === "NOT_FOUND") throw new Response("Not found", { status: 404 });
    return data<ActionResult>({ intent, refusal }, { status });
  }
}

export default function ListingWorkspace() {
  const { listing, backTo, rounds, operator } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const actions = listing.allowed.filter((a) => a === "edit" || (intents as readonly string[]).includes(a));

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
      </header>

      {/* A failed listing's seller acts in the next round's card: "nothing to do" above it would mislead. */}
      {actions.length === 0 && rounds?.canAct ? null : (
        <ActionsCard listing={listing} actions={actions} result={result?.round || result?.defaulted ? undefined : result} />
      )}
      {listing.status === "awarded" && (operator || listing.runnerUp) ? (
        <DefaultCard listing={listing} result={result?.defaulted} />
      ) : null}
      {rounds ? <NextRoundCard listing={listing} options={rounds} result={result?.round} /> : null}

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
