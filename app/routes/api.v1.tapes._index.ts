import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { api, methodNotAllowed } from "../lib/api.server";
import { requireApiPermission } from "../lib/auth.server";
import { readTapeUpload } from "../lib/tapes.server";

/** GET: the caller's organisations' tapes, newest first. */
export const loader = ({ context }: LoaderFunctionArgs) =>
  api(context, async () => {
    const principal = requireApiPermission(context, "asset.manage");
    return { tapes: await context.services.tapes.list(principal) };
  });

/** POST (multipart: `file`, optional `mapping` JSON): the tape is kept and read in the background (202). */
export const action = ({ request, context }: ActionFunctionArgs) => {
  if (request.method !== "POST") return methodNotAllowed({ request });
  return api(
    context,
    async () => {
      const principal = requireApiPermission(context, "asset.manage");
      return { tape: await context.services.tapes.upload(principal, await readTapeUpload(request)) };
    },
    202,
  );
};
