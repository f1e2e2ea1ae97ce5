import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { RoundHistory } from "../../core/contract/rounds";
import { DataTable } from "./data-table";
import { useDates } from "./investing-bits";
import { Money } from "./listing-bits";

/** "Round 2" beside the sale mode, for any round after the first. */
export function RoundBadge({ round }: { round: number | undefined }) {
  const { t } = useTranslation();
  if (!round || round <= 1) return null;
  return (
    <span
      className="inline-flex rounded-full bg-indigo-50 px-2 py-0.5 text-xs font-semibold text-indigo-900 ring-1 ring-indigo-300"
      data-testid="round-badge"
    >
      {t("rounds.roundBadge", { round })}
    </span>
  );
}

/**
 * The lot's earlier rounds (流拍 and re-listings), oldest first, each with its start, outcome, close
 * and page; and, on a failed round, the round that follows it.
 */
export function RoundHistorySection({ rounds }: { rounds: RoundHistory | null }) {
  const { t } = useTranslation();
  const { dateTime } = useDates();
  if (!rounds || (rounds.earlier.length === 0 && !rounds.nextRound)) return null;
  const next = rounds.nextRound;
  return (
    <section aria-labelledby="rounds-heading" className="space-y-3" data-testid="round-history">
      <h2 id="rounds-heading" className="text-lg font-semibold">
        {t("rounds.history.heading")}
      </h2>
      {next ? (
        <p
          className="rounded-md border border-indigo-200 bg-indigo-50 px-3 py-2 text-sm text-indigo-950"
          data-testid="next-round"
        >
          {next.announced && next.id ? (
            <>
              {t("rounds.history.nextAnnounced", { round: next.round, mode: t(`mode.${next.mode}`) })}{" "}
              <Link to={`/listings/${next.id}`} className="font-medium underline">
                {t("rounds.history.openNext", { round: next.round })}
              </Link>
            </>
          ) : (
            t("rounds.history.nextComing", { round: next.round })
          )}
        </p>
      ) : null}
      {rounds.earlier.length > 0 ? (
        <DataTable
          caption={t("rounds.history.caption", { count: rounds.earlier.length })}
          rows={rounds.earlier}
          rowKey={(r) => r.id}
          columns={[
            {
              key: "round",
              header: t("rounds.history.colRound"),
              primary: true,
              cell: (r) => t("rounds.roundBadge", { round: r.round }),
            },
            { key: "mode", header: t("rounds.history.colMode"), cell: (r) => t(`mode.${r.mode}`) },
            {
              key: "start",
              header: t("rounds.history.colStart"),
              numeric: true,
              cell: (r) => <Money value={r.startingPrice} currency={r.currency} />,
            },
            {
              key: "outcome",
              header: t("rounds.history.colOutcome"),
              cell: (r) => t(`rounds.history.outcome.${r.outcome ?? "none"}`),
            },
            { key: "closed", header: t("rounds.history.colClosed"), cell: (r) => (r.closedAt ? dateTime(r.closedAt) : "—") },
            {
              key: "link",
              header: t("rounds.history.colLink"),
              cell: (r) => (
                <Link to={`/listings/${r.id}`} className="text-brand-700 underline">
                  {t("rounds.history.open", { round: r.round })}
                </Link>
              ),
            },
          ]}
        />
      ) : null}
    </section>
  );
}
