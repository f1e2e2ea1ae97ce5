import { nextRoundRequestSchema, nextRoundResponseSchema, roundHistorySchema } from "../../core/contract/rounds";
import { errors, idPath, json, schemaOf } from "./openapi-parts";

/**
 * The rounds path of the OpenAPI document, built from the schemas the route validates with. It
 * sits beside openapi.ts and is merged into its paths where the document is served.
 */
export const roundsPaths = {
  "/api/v1/listings/{id}/rounds": {
    get: {
      summary: "The lot's earlier rounds and the round that follows",
      description:
        "Earlier rounds oldest first, each with its start, outcome and close. The next round is named once announced; before that only its number is given.",
      parameters: idPath,
      responses: { 200: json("The rounds", roundHistorySchema), ...errors(404) },
    },
    post: {
      summary: "Put a failed listing up for its next round (seller staff)",
      description:
        "Within 30 days of the failure: an auction starting at most 20% below the failed round (START_CUT_TOO_DEEP names the lowest start, START_RAISED, RELIST_TOO_LATE names the deadline); after the second failed round only `{ mode: \"fixed_price\" }` (FIXED_PRICE_DUE), at the last round's start until 60 days after its close, the first taker opening a 24-hour window for higher bids. The terms' rules apply to the new start (INVALID_TERMS with `details.fields`); one next round per failed listing (ALREADY_RELISTED). The new round is `approved`, awaiting the operator's announcement. The limits are the platform's `rounds` setting.",
      parameters: idPath,
      requestBody: { required: true, content: { "application/json": { schema: schemaOf(nextRoundRequestSchema, "input") } } },
      responses: { 201: json("The new round", nextRoundResponseSchema), ...errors(400, 401, 403, 404, 409, 422) },
    },
  },
};
