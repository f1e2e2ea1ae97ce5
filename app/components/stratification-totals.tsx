import { useTranslation } from "react-i18next";
import type { StratificationView } from "../../core/contract/packages";
import { Money } from "./listing-bits";

/** The package's totals, as four figures. */
export function StratificationTotals({ stratification }: { stratification: StratificationView }) {
  const { t, i18n } = useTranslation();
  const { totals, currency } = stratification;
  const figures = [
    ["count", totals.count.toLocaleString(i18n.language)],
    ["principal", <Money key="p" value={totals.principal} currency={currency} />],
    ["interest", <Money key="i" value={totals.interest} currency={currency} />],
    ["collateral", <Money key="c" value={totals.collateral} currency={currency} />],
  ] as const;
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
      {figures.map(([key, value]) => (
        <div key={key} className="rounded border border-slate-200 bg-white p-3">
          <dt className="text-sm text-slate-600">{t(`packages.totals.${key}`)}</dt>
          <dd className="text-lg font-semibold tabular-nums" data-testid={`total-${key}`}>
            {value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
