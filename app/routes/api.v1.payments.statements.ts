import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { api, methodNotAllowed, moneyAsText } from "../lib/api.server";
import { requireApiPermission } from "../lib/auth.server";
import { readStatementUpload } from "../lib/payments.server";

/** GET: the escrow account's statements imported, newest first (operators). */
export const loader = ({ context }: LoaderFunctionArgs) =>
  api(context, async () => ({
    statements: await context.services.statements.imports(requireApiPermission(context, "payments.operate")),
  }));

/** POST (multipart: `file`): imports a statement whole or not at all, and says what became of each line. */
export const action = ({ request, context }: ActionFunctionArgs) => {
  if (request.method !== "POST") return methodNotAllowed({ request });
  return api(
    context,
    async () => {
      const principal = requireApiPermission(context, "payments.operate");
      const statement = await context.services.statements.import(principal, await readStatementUpload(request));
      return { statement: moneyAsText(statement) };
    },
    201,
  );
};
