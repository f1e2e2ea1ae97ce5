import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { api, methodNotAllowed, readJson } from "../lib/api.server";
import { requireApiPermission } from "../lib/auth.server";

/** GET: the listing's questions as the caller sees them (approved bidders: the answered ones and their own). */
export const loader = ({ params, context }: LoaderFunctionArgs) =>
  api(context, async () => ({ questions: await context.services.questions.list(context.principal, params.id ?? "") }));

/** POST `{ "question" }`: an approved bidder asks the seller (201); the seller is notified. */
export const action = ({ request, params, context }: ActionFunctionArgs) => {
  if (request.method !== "POST") return methodNotAllowed({ request });
  return api(
    context,
    async () => {
      const principal = requireApiPermission(context, "investor.register");
      return { question: await context.services.questions.ask(principal, params.id ?? "", await readJson(request)) };
    },
    201,
  );
};
