import type { LoaderFunctionArgs } from "@remix-run/node";
import { api } from "../lib/api.server";
import { requireApiPermission } from "../lib/auth.server";
import { csvDownload } from "../lib/downloads.server";

/** GET: every problem of the tape as CSV (row, column, value, reason), for the seller to fix the file. */
export const loader = ({ params, context }: LoaderFunctionArgs) =>
  api(context, async () => {
    const principal = requireApiPermission(context, "asset.manage");
    const { fileName, errors } = await context.services.tapes.errors(principal, params.id ?? "");
    async function* rows() {
      for await (const e of errors) yield [e.row, e.column, e.value, e.message];
    }
    return csvDownload(`${fileName.replace(/\.[^.]*$/, "")}-problems.csv`, ["row", "column", "value", "message"], rows());
  });
