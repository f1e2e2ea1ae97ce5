import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Workspace } from "../lib/read-models.server";
import { ConfirmDialog } from "./confirm-dialog";
import { DataTable } from "./data-table";
import { buttonStyle, FormNotice, TextAreaField } from "./forms";
import type { Refusal } from "../lib/refusal";
import { TermsIssues } from "./lifecycle-bits";
import { RefusalAlert } from "./refusal";
import { Money, StatusBadge } from "./listing-bits";
import { formatDateTime } from "../../core/time";
import { formatMoney } from "../../core/money";

/** The insider view of one listing, as the workspace page loads it. */
export type { Workspace };

export const card = "rounded-lg border border-slate-200 bg-white p-4 sm:p-6";

/** Times and amounts of one listing as its workspace shows them. */
export function useWorkspaceFormat(currency: string) {
  const { i18n } = useTranslation();
  return {
    date: (iso: string | null) => (iso ? <span className="whitespace-nowrap">{formatDateTime(iso, i18n.language)}</span> : "—"),
    money: (value: string | null) => <Money value={value} currency={currency} />,
  };
}

/** One sentence on where the review stands: the approvals required, given, and the disclosure check. */
export function useReviewSummary(review: Workspace["review"]) {
  const { t } = useTranslation();
  const roleNoun = t(`manage.roleNoun.${review.required.role}`, { defaultValue: review.required.role });
  return t("manage.reviewSummary", {
    count: review.required.count,
    role: roleNoun,
    given: review.approvals,
    disclosure: review.disclosureChecked ? t("manage.yes") : t("manage.no"),
  });
}

/** Actions that must say why: the reason is recorded and shown on the timeline. */
const reasonRequired = new Set<string>(["return", "suspend", "resume", "withdraw"]);
const dangerous = new Set<string>(["return", "suspend", "withdraw"]);

/** What the viewer may do with the listing now, each workflow step confirmed in a dialog. */
export function ActionsCard({
  listing,
  actions,
  result,
}: {
  listing: Workspace;
  /** `edit` and the workflow intents the viewer may take, in the service's order. */
  actions: readonly string[];
  /** The outcome of the last action posted from this page. */
  result?: { notice?: string; refusal?: Refusal };
}) {
  const { t } = useTranslation();
  const reviewSummary = useReviewSummary(listing.review);
  return (
    <section aria-labelledby="actions-heading" className={card}>
      <h2 id="actions-heading" className="text-lg font-semibold">
        {t("manage.actionsHeading")}
      </h2>
      <div className="mt-3 space-y-2">
        <FormNotice message={result?.notice ? t(`manage.done.${result.notice}`) : null} focus={result} />
        <RefusalAlert refusal={result?.refusal}>
          <TermsIssues refusal={result?.refusal} currency={listing.currency} />
        </RefusalAlert>
      </div>
      {actions.length === 0 ? (
        <p className="mt-2 text-sm text-slate-700">{t("manage.noActions")}</p>
      ) : (
        <div className="mt-3 flex flex-wrap gap-2">
          {actions.map((action) =>
            action === "edit" ? (
              <Link key={action} to={`/manage/listings/${listing.id}/edit`} className={buttonStyle("secondary", "sm")}>
                {t("lifecycleAction.edit")}
              </Link>
            ) : (
              <ConfirmDialog
                key={action}
                triggerLabel={t(`lifecycleAction.${action}`)}
                triggerTone={dangerous.has(action) ? "secondary" : "primary"}
                title={t(`manage.confirm.${action}.title`, { title: listing.title })}
                description={
                  <>
                    <p>{t(`manage.confirm.${action}.body`)}</p>
                    {action === "approve" ? <p className="mt-2">{reviewSummary}</p> : null}
                  </>
                }
                confirmLabel={t(`lifecycleAction.${action}`)}
                tone={dangerous.has(action) ? "danger" : "primary"}
                intent={action}
              >
                {action === "approve" ? (
                  <TextAreaField
                    id="reason-approve"
                    name="reason"
                    label={t("manage.noteLabel")}
                    hint={t("manage.noteHint")}
                    maxLength={2000}
                  />
                ) : reasonRequired.has(action) ? (
                  <TextAreaField
                    id={`reason-${action}`}
                    name="reason"
                    label={t("manage.reasonLabel")}
                    hint={t("manage.reasonHint")}
                    required
                    maxLength={2000}
                  />
                ) : null}
              </ConfirmDialog>
            ),
          )}
        </div>
      )}
    </section>
  );
}

/** The terms as they stand, the reserve included, which the public never sees. */
export function TermsCard({ listing }: { listing: Workspace }) {
  const { t } = useTranslation();
  const { date, money } = useWorkspaceFormat(listing.currency);
  const fact = (label: string, value: ReactNode, extra?: ReactNode) => (
    <div className="grid gap-1 border-b border-slate-100 py-2 text-sm sm:grid-cols-[14rem_1fr] sm:gap-4">
      <dt className="text-slate-600">{label}</dt>
      <dd>
        {value}
        {extra}
      </dd>
    </div>
  );
  return (
    <section aria-labelledby="terms-heading" className={card}>
      <h2 id="terms-heading" className="text-lg font-semibold">
        {t("manage.termsHeading")}
      </h2>
      <p className="mt-1 text-sm text-slate-600">{t("manage.termsVersion", { version: listing.termsVersion })}</p>
      <dl className="mt-3">
        {fact(
          t("terms.label.mode"),
          t(`mode.${listing.mode}`),
          listing.mode === "tender"
            ? ` · ${t(`designated.form.${listing.tenderPricing === "second_price" ? "secondPrice" : "firstPrice"}`)}`
            : null,
        )}
        {listing.designated ? <DesignatedFacts designated={listing.designated} fact={fact} currency={listing.currency} /> : null}
        {listing.mode === "negotiated" ? (
          <>
            {fact(t("designated.form.counterparty"), listing.counterpartyName ?? t("manage.none"))}
            {fact(
              t("designated.form.justification"),
              <span className="whitespace-pre-line">{listing.negotiationJustification ?? t("manage.none")}</span>,
            )}
          </>
        ) : null}
        {listing.mode === "tender" && listing.bestAndFinalTopN
          ? fact(
              t("designated.form.bestAndFinal"),
              t("designated.workspace.bestAndFinalTop", { count: listing.bestAndFinalTopN }),
            )
          : null}
        {fact(t("listing.startingPrice"), money(listing.startingPrice))}
        {fact(
          t("manage.reserve"),
          listing.reservePrice ? money(listing.reservePrice) : <span className="text-slate-600">{t("manage.noReserve")}</span>,
          listing.reservePrice ? (
            <span className="ml-2 inline-flex rounded-full bg-slate-100 px-2 py-0.5 text-xs font-semibold text-slate-800 ring-1 ring-slate-300">
              {t("manage.hiddenFromPublic")}
            </span>
          ) : null,
        )}
        {fact(t("listing.increment"), money(listing.increment))}
        {fact(t("listing.deposit"), money(listing.deposit))}
        {fact(t("manage.biddingStarts"), date(listing.startsAt))}
        {fact(t("manage.biddingEnds"), date(listing.endsAt))}
        {fact(
          t("manage.antiSniping"),
          <>
            {t("listing.antiSniping", {
              window: listing.antiSnipingWindowMinutes,
              extension: listing.antiSnipingExtensionMinutes,
            })}
            {t("manage.sentenceJoin")}
            {listing.maxExtensions ? t("manage.maxExtensions", { count: listing.maxExtensions }) : t("manage.noExtensionLimit")}
          </>,
        )}
        {fact(t("terms.label.balanceDueDays"), t("manage.days", { count: listing.balanceDueDays }))}
        {fact(
          t("manage.rofrHolders"),
          listing.rightOfFirstRefusalHolders.length === 0 ? (
            <span className="text-slate-600">{t("manage.none")}</span>
          ) : (
            <ol className="space-y-0.5">
              {[...listing.rightOfFirstRefusalHolders]
                .sort((a, b) => a.rank - b.rank)
                .map((h) => (
                  <li key={`${h.rank}-${h.name}`}>{t("manage.rofrHolder", { rank: h.rank, name: h.name })}</li>
                ))}
            </ol>
          ),
        )}
        {fact(
          t("terms.label.specialTerms"),
          listing.specialTerms ? (
            <span className="whitespace-pre-line">{listing.specialTerms}</span>
          ) : (
            <span className="text-slate-600">{t("manage.none")}</span>
          ),
        )}
      </dl>
      {listing.valuationExceptionReason ? (
        <div className="mt-4 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          <p className="font-semibold">{t("manage.valuationException")}</p>
          <p className="mt-1 whitespace-pre-line">{listing.valuationExceptionReason}</p>
        </div>
      ) : null}
    </section>
  );
}

/** The assets sold together, with their principal and appraised value. */
export function LotsCard({ listing }: { listing: Workspace }) {
  const { t } = useTranslation();
  const { money } = useWorkspaceFormat(listing.currency);
  return (
    <section aria-labelledby="lots-heading" className={card}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="lots-heading" className="text-lg font-semibold">
          {t("listing.lots")}
        </h2>
        <span className="text-sm text-slate-600">{t("listing.lotCount", { count: listing.lots.length })}</span>
      </div>
      <ul className="mt-3 divide-y divide-slate-100">
        {listing.lots.map((lot) => (
          <li key={lot.id} className="py-2 text-sm">
            <p className="font-medium">{lot.title}</p>
            <p className="text-slate-600">
              {t(`kind.${lot.kind}`)}
              {lot.region ? ` · ${lot.region}` : ""}
            </p>
            <dl className="mt-1 flex flex-wrap gap-x-6 gap-y-1">
              {lot.principal ? (
                <div className="flex gap-2">
                  <dt className="text-slate-600">{t("listing.principal")}</dt>
                  <dd>{money(lot.principal)}</dd>
                </div>
              ) : null}
              <div className="flex gap-2">
                <dt className="text-slate-600">{t("listing.appraised")}</dt>
                <dd>{lot.appraisedValue ? money(lot.appraisedValue) : t("manage.notValued")}</dd>
              </div>
            </dl>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Every step the listing has taken: when, what and why, who, and the status it left. */
export function WorkspaceTimeline({ listing }: { listing: Workspace }) {
  const { t } = useTranslation();
  const { date } = useWorkspaceFormat(listing.currency);
  return (
    <section aria-labelledby="timeline-heading">
      <h2 id="timeline-heading" className="text-lg font-semibold">
        {t("manage.timelineHeading")}
      </h2>
      <div className="mt-3">
        {listing.timeline.length === 0 ? (
          <p className="text-sm text-slate-600">{t("manage.timelineEmpty")}</p>
        ) : (
          <DataTable
            caption={t("manage.timelineCaption", { count: listing.timeline.length })}
            rows={listing.timeline}
            rowKey={(e) => String(e.seq)}
            columns={[
              { key: "at", header: t("manage.colWhen"), cell: (e) => date(e.at) },
              {
                key: "action",
                header: t("manage.colWhat"),
                primary: true,
                cell: (e) => (
                  <span className="block">
                    {t([`manage.event.${e.action}`, `rounds.event.${e.action}`], { defaultValue: e.action })}
                    {e.reason ? (
                      <span className="mt-0.5 block text-xs font-normal whitespace-pre-line text-slate-700">
                        {t("manage.reasonGiven", { reason: e.reason })}
                      </span>
                    ) : null}
                  </span>
                ),
              },
              {
                key: "actor",
                header: t("manage.colWho"),
                cell: (e) => (
                  <span className="[overflow-wrap:anywhere]">
                    {e.actor === "objector"
                      ? t("manage.objectorHidden")
                      : e.actor.startsWith("system")
                        ? t("manage.system")
                        : e.actor}
                  </span>
                ),
              },
              {
                key: "status",
                header: t("manage.colStatusAfter"),
                cell: (e) => (e.status ? <StatusBadge status={e.status} /> : "—"),
              },
            ]}
          />
        )}
      </div>
    </section>
  );
}

/** Whom a designated purchase names, and where its commitment stands. */
function DesignatedFacts({
  designated,
  fact,
  currency,
}: {
  designated: NonNullable<Workspace["designated"]>;
  fact: (label: string, value: ReactNode, extra?: ReactNode) => ReactNode;
  currency: string;
}) {
  const { t, i18n } = useTranslation();
  const commitment = designated.commitment;
  return (
    <>
      {fact(t("designated.workspace.investor"), designated.organisationName ?? t("manage.none"))}
      {fact(
        t("designated.workspace.commitment"),
        <span data-testid="designated-commitment-status">
          {commitment && designated.floor
            ? t(`designated.workspace.commitment_${commitment.status}`, {
                floor: formatMoney(designated.floor, currency, i18n.language),
                at: formatDateTime(commitment.at, i18n.language),
              })
            : t("designated.workspace.notCommitted")}
        </span>,
      )}
      {designated.registrationExtendedAt
        ? fact(t("designated.workspace.extended"), formatDateTime(designated.registrationExtendedAt, i18n.language))
        : null}
    </>
  );
}
