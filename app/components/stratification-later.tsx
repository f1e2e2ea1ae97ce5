import { useEffect, useState } from "react";
import type { StratificationView } from "../../core/contract/packages";

type Charts = (typeof import("./stratification"))["StratificationCharts"];

/**
 * The stratification's charts, fetched in the browser once the page is live: a page without a
 * package never loads the charting library, and the charts take no part in hydration (their
 * measured sizes differ between the server and the browser, and a bid arriving while the page
 * hydrates must not meet a boundary still waiting for its code).
 */
export function StratificationChartsLater({ stratification }: { stratification: StratificationView }) {
  const [charts, setCharts] = useState<Charts | null>(null);
  useEffect(() => {
    let live = true;
    void import("./stratification").then((m) => live && setCharts(() => m.StratificationCharts));
    return () => {
      live = false;
    };
  }, []);
  const Loaded = charts;
  return Loaded ? <Loaded stratification={stratification} /> : null;
}
