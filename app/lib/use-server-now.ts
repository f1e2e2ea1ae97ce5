import { useRouteLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import type { RootData } from "../root";

/**
 * The server clock's offset from this browser's, measured once when the page first hydrates
 * (the root loader's time is fresh then). Later client-side navigations reuse it: the root
 * loader does not run again, so its time would be stale.
 */
let offsetMs: number | null = null;

/**
 * "Now" by the server's clock, ticking. The first render uses the server's own time so the
 * page hydrates without a mismatch; after that the client's clock runs with the offset applied.
 */
export function useServerNow(intervalMs = 1000): number {
  const root = useRouteLoaderData<RootData>("root");
  const serverTime = root ? Date.parse(root.serverTime) : Date.now();
  const [now, setNow] = useState(serverTime);
  useEffect(() => {
    offsetMs ??= serverTime - Date.now();
    const offset = offsetMs;
    setNow(Date.now() + offset);
    const timer = setInterval(() => setNow(Date.now() + offset), intervalMs);
    return () => clearInterval(timer);
  }, [serverTime, intervalMs]);
  return now;
}
