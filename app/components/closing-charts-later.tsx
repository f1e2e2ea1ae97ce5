import { useEffect, useState, type ComponentProps } from "react";

type Charts = typeof import("./closing-charts");

/**
 * The closing pages' charts, fetched in the browser once the page is live, like the
 * stratification's: they take no part in rendering on the server or in hydration.
 */
function useCharts() {
  const [charts, setCharts] = useState<Charts | null>(null);
  useEffect(() => {
    let live = true;
    void import("./closing-charts").then((m) => live && setCharts(m));
    return () => {
      live = false;
    };
  }, []);
  return charts;
}

export function PriceChartLater(props: ComponentProps<Charts["PriceChart"]>) {
  const charts = useCharts();
  return charts ? <charts.PriceChart {...props} /> : null;
}

export function RecoveryChartLater(props: ComponentProps<Charts["RecoveryChart"]>) {
  const charts = useCharts();
  return charts ? <charts.RecoveryChart {...props} /> : null;
}
