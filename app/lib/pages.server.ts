import { redirect } from "@remix-run/node";

/**
 * A page past the last (an old link, a hand-edited URL) is sent to the last page, so a search never
 * shows "nothing matches" under a count of matches. Call it with what a paged search returned.
 */
export function keepWithinPages(request: Request, result: { page: number; pageSize: number; total: number }) {
  const lastPage = Math.max(1, Math.ceil(result.total / result.pageSize));
  if (result.page <= lastPage) return;
  const url = new URL(request.url);
  url.searchParams.set("page", String(lastPage));
  throw redirect(`${url.pathname}${url.search}`);
}
