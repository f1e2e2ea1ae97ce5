import type { LoaderFunctionArgs } from "@remix-run/node";
import { api, moneyAsText } from "../lib/api.server";
import { requireApiPermission } from "../lib/auth.server";

/** GET: money owed back and not yet sent, oldest first. */
export const loader = ({ context }: LoaderFunctionArgs) =>
  api(context, async () => {
    const due = await context.services.deposits.refundsDue(requireApiPermission(context, "payments.operate"));
    return { refunds: moneyAsText(due.map(({ refund, ...about }) => ({ ...refund, ...about }))) };
  });
