import { useTranslation } from "react-i18next";
import { Bar, BarChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { StratificationView } from "../../core/contract/packages";
import { stratificationDimensions, type StratificationDimension } from "../../core/stratification";
import { stratumLabel } from "../lib/stratification-labels";
import { DataTable } from "./data-table";
import { Money } from "./listing-bits";

type Stratum = StratificationView["dimensions"][StratificationDimension][number];

export function useStratumLabel() {
  const { t, i18n } = useTranslation();
  return (dimension: StratificationDimension, key: string) => stratumLabel(t, i18n.language, dimension, key);
}

const percent = (bp: number, locale: string) =>
  (bp / 100).toLocaleString(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }) + "%";

/**
 * One dimension: a bar chart of each group's share of the principal (drawn for the eye, hidden
 * from screen readers) and the table that says the same in full.
 */
function Dimension({ dimension, strata, currency }: { dimension: StratificationDimension; strata: Stratum[]; currency: string }) {
  const { t, i18n } = useTranslation();
  const label = useStratumLabel();
  const name = t(`packages.dimension.${dimension}`);
  const data = strata.map((s) => ({ name: label(dimension, s.key), share: s.principalShareBp / 100 }));
  return (
    <section aria-labelledby={`dim-${dimension}`} className="space-y-2 rounded border border-slate-200 bg-white p-3">
      <h3 id={`dim-${dimension}`} className="font-semibold">
        {name}
      </h3>
      {/* A bar of 22 pixels per group, so that every group's name has room. */}
      <div aria-hidden style={{ height: Math.max(120, 40 + strata.length * 22) }} data-testid={`chart-${dimension}`}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} layout="vertical" margin={{ left: 8, right: 16 }}>
            <XAxis type="number" domain={[0, 100]} unit="%" tick={{ fontSize: 11 }} />
            <YAxis type="category" dataKey="name" width={130} interval={0} tick={{ fontSize: 11 }} />
            <Tooltip formatter={(value) => `${Number(value).toFixed(1)}%`} />
            <Bar dataKey="share" fill="#1d4ed8" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <DataTable<Stratum>
        caption={t("packages.chartLabel", { dimension: name })}
        captionHidden
        rows={strata}
        rowKey={(s) => s.key}
        columns={[
          { key: "group", header: t("packages.col.group"), primary: true, cell: (s) => label(dimension, s.key) },
          { key: "count", header: t("packages.col.count"), numeric: true, cell: (s) => s.count.toLocaleString(i18n.language) },
          {
            key: "countShare",
            header: t("packages.col.countShare"),
            numeric: true,
            cell: (s) => percent(s.countShareBp, i18n.language),
          },
          {
            key: "principal",
            header: t("packages.col.principal"),
            numeric: true,
            cell: (s) => <Money value={s.principal} currency={currency} compact />,
          },
          {
            key: "principalShare",
            header: t("packages.col.principalShare"),
            numeric: true,
            cell: (s) => percent(s.principalShareBp, i18n.language),
          },
          {
            key: "collateral",
            header: t("packages.col.collateral"),
            numeric: true,
            cell: (s) => <Money value={s.collateral} currency={currency} compact />,
          },
        ]}
      />
    </section>
  );
}

/** Every dimension of a package's stratification. */
export function StratificationCharts({ stratification }: { stratification: StratificationView }) {
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      {stratificationDimensions.map((dimension) => (
        <Dimension
          key={dimension}
          dimension={dimension}
          strata={stratification.dimensions[dimension]}
          currency={stratification.currency}
        />
      ))}
    </div>
  );
}
