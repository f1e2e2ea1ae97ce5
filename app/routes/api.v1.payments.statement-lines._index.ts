import type { LoaderFunctionArgs } from "@remix-run/node";
import { api, moneyAsText } from "../lib/api.server";
import { requireApiPermission } from "../lib/auth.server";

/** GET: the statement lines waiting for an operator, with the payer's name. */
export const loader = ({ context }: LoaderFunctionArgs) =>
  api(context, async () => ({
    lines: moneyAsText(await context.services.statements.openLines(requireApiPermission(context, "payments.operate"))),
  }));
