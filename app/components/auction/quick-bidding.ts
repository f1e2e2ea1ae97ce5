import { useCallback, useEffect, useState } from "react";

const KEY = "nplex:quick-bidding";

/**
 * Quick bidding: a bid button places its bid without asking first. Off unless the bidder turns it
 * on, and kept in sessionStorage, so it ends with the browser tab. Read after hydration, so the
 * server's render (off) and the first client render agree.
 */
export function useQuickBidding(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(false);
  useEffect(() => {
    try {
      setOn(sessionStorage.getItem(KEY) === "on");
    } catch {
      // Storage refused (private mode): quick bidding starts off, as it should.
    }
  }, []);
  const set = useCallback((value: boolean) => {
    setOn(value);
    try {
      if (value) sessionStorage.setItem(KEY, "on");
      else sessionStorage.removeItem(KEY);
    } catch {
      // Storage refused: the choice lasts for this page only.
    }
  }, []);
  return [on, set];
}
