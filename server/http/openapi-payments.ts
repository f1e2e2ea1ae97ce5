import { z } from "zod";
import { refundSentSchema, resolveLineSchema } from "../../core/contract/payments";
import { agreementSignedSchema, agreementViewSchema, signAgreementSchema } from "../../core/contract/closing";
import { statementColumns } from "../../core/bank-statement";
import { body, errors, idPath, json } from "./openapi-parts";
import { STATEMENT_MAX_BYTES, STATEMENT_MAX_LINES } from "../payments/statements";
import { WEBHOOK_TOLERANCE_SECONDS } from "../payments/stripe-webhooks";

/** Payments in the OpenAPI document: the escrow account's statements, flagged lines, refunds owed. */

const headers = Object.entries(statementColumns)
  .map(([column, names]) => `\`${column}\`: ${names.join(" / ")}`)
  .join("; ");

export const paymentPaths = {
  "/api/v1/webhooks/stripe": {
    post: {
      summary: "Stripe's event deliveries (Stripe alone: signed, no session or token)",
      description: `Verified with the Stripe SDK over the raw body against the endpoint's signing secret (STRIPE_WEBHOOK_SECRET), within ${WEBHOOK_TOLERANCE_SECONDS} seconds of its timestamp by the server's clock; a delivery that does not verify answers 400 and writes nothing. Each event is stored once by its id: a duplicate or replay answers 200 with \`duplicate: true\` and changes nothing. 404 where Stripe is not configured.`,
      requestBody: { required: true, content: { "application/json": { schema: { type: "object" } } } },
      responses: {
        200: json("Received", z.object({ received: z.literal(true), duplicate: z.boolean() })),
        ...errors(400, 404, 413, 415),
      },
    },
  },
  "/api/v1/listings/{id}/agreement": {
    get: {
      summary: "The sale's transfer agreement: its text, SHA-256 and signatures (the buyer, the seller's people, operators)",
      description:
        "Written from the sale and issued as a numbered version. A version whose facts or text changed is voided with its signatures and a new one issued. Anyone else gets 404. Only operators see the signers' IP addresses.",
      parameters: idPath,
      responses: { 200: json("The current version", agreementViewSchema), ...errors(401, 404) },
    },
    post: {
      summary: "Sign the transfer agreement for your side (the buyer, or the seller's admin)",
      description:
        "Send the digest of the text you read: a text that changed since is refused with 409 AGREEMENT_CHANGED and its new digest. Name, time, IP address and digest are recorded. When both sides have signed, the listing becomes `contracted`, and `paid` if the balance is already in.",
      parameters: idPath,
      requestBody: body(signAgreementSchema),
      responses: { 200: json("Signed", agreementSignedSchema), ...errors(401, 403, 404, 409, 422) },
    },
  },
  "/api/v1/payments/statements": {
    get: {
      summary: "Bank statements imported, newest first (operators)",
      responses: { 200: { description: "The imports with their lines' outcomes counted" }, ...errors(401, 403) },
    },
    post: {
      summary: "Import the escrow account's bank statement, CSV (operators)",
      description: `Imported whole or not at all (422 STATEMENT_INVALID with every problem by line and column). UTF-8 or GBK; headers in English or Chinese, in any order (${headers}; the transaction id is optional). Amounts in major units, negative for money out. At most ${STATEMENT_MAX_LINES.toLocaleString("en")} lines and ${STATEMENT_MAX_BYTES / (1024 * 1024)} MiB. A line naming a deposit's reference and bringing exactly what is outstanding is credited; the others are listed (\`amount_mismatch\`, \`currency_mismatch\`, \`unknown_reference\`, \`settled\`); a booking imported before is a \`duplicate\` and counts nothing.`,
      requestBody: {
        required: true,
        content: {
          "multipart/form-data": {
            schema: { type: "object", required: ["file"], properties: { file: { type: "string", format: "binary" } } },
          },
        },
      },
      responses: {
        201: json(
          "The import: lines counted by outcome, and each line's outcome",
          z.object({
            statement: z.object({
              id: z.uuid(),
              lineCount: z.number().int(),
              counts: z.record(z.string(), z.number().int()),
              lines: z.array(
                z.object({
                  lineNo: z.number().int(),
                  outcome: z.string(),
                  reference: z.string().nullable(),
                  params: z.record(z.string(), z.string()),
                }),
              ),
            }),
          }),
        ),
        ...errors(400, 401, 403, 413, 415, 422),
      },
    },
  },
  "/api/v1/payments/statement-lines": {
    get: {
      summary: "Statement lines waiting for the operator, with the payer's name (operators)",
      responses: { 200: { description: "The flagged lines not yet resolved" }, ...errors(401, 403) },
    },
  },
  "/api/v1/payments/statement-lines/{id}": {
    post: {
      summary: "Credit a flagged line to the deposit it belongs to, or record that it was sent back (operators)",
      parameters: idPath,
      requestBody: body(resolveLineSchema),
      responses: { 200: { description: "Resolved" }, ...errors(401, 403, 404, 409, 422) },
    },
  },
  "/api/v1/payments/refunds": {
    get: {
      summary: "Money owed back and not yet sent: released deposits, money that came late (operators)",
      responses: { 200: { description: "The refunds due, oldest first" }, ...errors(401, 403) },
    },
  },
  "/api/v1/payments/refunds/{id}": {
    post: {
      summary: "Record a refund as sent, with the bank's reference of the transfer back (operators)",
      parameters: idPath,
      requestBody: body(refundSentSchema),
      responses: { 200: { description: "Sent" }, ...errors(401, 403, 404, 409, 422) },
    },
  },
};
