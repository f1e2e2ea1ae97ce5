import { z } from "zod";
import { organisationKinds, organisationStatuses, roles } from "../../core/enums";
import {
  bidHistoryQuerySchema,
  clearProxyResponseSchema,
  placeBidResponseSchema,
  placeBidSchema,
  publicBidSchema,
  setProxyResponseSchema,
  setProxySchema,
  viewerStatusSchema,
} from "../../core/contract/bids";
import { sealedBidSchema } from "../../core/contract/bids";
import { errorSchema } from "../../core/contract/errors";
import { negotiationRequestSchema } from "../../core/contract/negotiation";
import { objectionDecisionSchema, objectionSchema } from "../../core/contract/objections";
import { defaultSchema, runnerUpAnswerSchema } from "../sale-modes/runner-up/service";
import { applySchema } from "../../core/contract/registrations";
import {
  announcementQuerySchema,
  announcementSummarySchema,
  listingDetailSchema,
  listingPageSchema,
  listingQuerySchema,
  registrationActionSchema,
  transitionRequestSchema,
} from "../../core/contract/listings";
import { listingTermsSchema } from "../../core/listing-terms";
import { roundsPaths } from "./openapi-rounds";
import { assetPaths } from "./openapi-assets";
import { tapePaths } from "./openapi-tapes";
import { paymentPaths } from "./openapi-payments";
import { packagePaths } from "./openapi-packages";
import { documentPaths } from "./openapi-documents";
import { body, errors, idPath, json, parameters, schemaOf } from "./openapi-parts";

export const timeSchema = z.object({
  serverTime: z.iso.datetime().describe("The server's clock; clients compute their offset from it"),
  epochMs: z.number().int(),
});

/** GET /api/v1/me: whose credentials these are, and in which organisations they act. */
export const meSchema = z.object({
  user: z.object({ id: z.uuid(), email: z.string(), displayName: z.string() }),
  via: z.enum(["session", "token"]),
  organisations: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      kind: z.enum(organisationKinds),
      status: z.enum(organisationStatuses),
      role: z.enum(roles),
      active: z.boolean().describe("Whether the role counts now (the organisation is approved)"),
    }),
  ),
});

/** The public API's document, generated from the same zod schemas the routes validate with. */
export function buildOpenApiDocument() {
  return {
    openapi: "3.1.0",
    info: {
      title: "nplex API",
      version: "1.0.0",
      description:
        "The nplex marketplace API. Amounts are integer minor units as decimal strings; times are ISO 8601 by the server's clock. Errors share one shape: `{ error: { code, message, details } }`. A request body is at most 128 KiB (413 `PAYLOAD_TOO_LARGE`), and no text in a body or a query may contain the NUL character U+0000 (400 `BAD_REQUEST`).",
    },
    servers: [{ url: "/" }],
    security: [{}, { bearer: [] }, { session: [] }],
    components: {
      securitySchemes: {
        bearer: {
          type: "http",
          scheme: "bearer",
          description: "An API token from the account page or `npm run cli -- token create`",
        },
        session: { type: "apiKey", in: "cookie", name: "nplex_session" },
      },
      schemas: { Error: schemaOf(errorSchema) },
    },
    paths: {
      ...roundsPaths,
      ...assetPaths,
      ...tapePaths,
      ...paymentPaths,
      ...packagePaths,
      ...documentPaths,
      "/api/v1/time": {
        get: { summary: "Server time", responses: { 200: json("Now, by the server's clock", timeSchema) } },
      },
      "/api/v1/openapi.json": {
        get: { summary: "This document", responses: { 200: { description: "The OpenAPI 3.1 document" } } },
      },
      "/api/v1/me": {
        get: {
          summary: "Who the presented credentials belong to",
          description: "Lets an integrator check a token: the user, how it is signed in, and its organisations and roles.",
          responses: { 200: json("The caller", meSchema), ...errors(401) },
        },
      },
      "/api/v1/listings/{id}/me": {
        get: {
          summary: "The caller's own standing on a listing",
          description:
            "Its organisation's registration and bidder code, whether it leads, and its automatic-bidding maximum. Anonymous callers, and callers without a registration, get `registration: null`.",
          parameters: idPath,
          responses: { 200: json("The caller's standing", viewerStatusSchema) },
        },
      },
      "/api/v1/listings": {
        get: {
          summary: "Public listings",
          description: "Filters combine with AND; live listings come first, ending soonest.",
          parameters: parameters(listingQuerySchema, "query"),
          responses: { 200: json("A page of listings", listingPageSchema), ...errors(400, 429) },
        },
        post: {
          summary: "Draft a listing (seller staff)",
          description:
            "Terms are checked against the trade's rules (deposit 5%-20% of the start, start at least 70% of the valuation unless an exception is given, at least 24 hours of bidding); each failing field is named in `details.fields`. `maxBidMultiple` (2 to 100, 5 when not given) caps a single bid or automatic-bidding maximum at that many times the current price.",
          requestBody: body(listingTermsSchema),
          responses: { 201: json("The draft", z.object({ id: z.uuid() })), ...errors(401, 403, 404, 409, 422) },
        },
      },
      "/api/v1/listings/{id}/bids": {
        get: {
          summary: "The public bid log after afterSeq (bidder codes only)",
          parameters: [...idPath, ...parameters(bidHistoryQuerySchema, "query")],
          responses: {
            200: json("Bids in seq order", z.object({ bids: z.array(publicBidSchema), lastSeq: z.number().int() })),
            ...errors(400, 404),
          },
        },
        post: {
          summary: "Place a bid (approved registrants)",
          description:
            "The same idempotencyKey with the same amount returns the same bid (`replayed: true`), never a second one; with another amount it is refused (409 `IDEMPOTENCY_KEY_REUSED`). A bid above the listing's `maxBidMultiple` times the current price (the start before the first bid) is refused (422 `BID_ABOVE_CAP`, the most allowed in `details.maximum`).",
          parameters: idPath,
          requestBody: body(placeBidSchema),
          responses: { 201: json("The accepted bid", placeBidResponseSchema), ...errors(401, 403, 404, 409, 422, 429) },
        },
      },
      "/api/v1/listings/{id}/proxy": {
        put: {
          summary: "Set a standing maximum: the engine bids for you only as much as needed to lead",
          description: "A maximum is capped like a bid (422 `BID_ABOVE_CAP`).",
          parameters: idPath,
          requestBody: body(setProxySchema),
          responses: { 200: json("Set", setProxyResponseSchema), ...errors(401, 403, 404, 409, 422, 429) },
        },
        delete: {
          summary: "Clear one's standing maximum: the engine bids for you no more",
          parameters: idPath,
          responses: {
            200: json("Cleared", clearProxyResponseSchema),
            ...errors(401, 403, 404, 409, 429),
          },
        },
      },
      "/api/v1/listings/{id}/tender": {
        get: {
          summary: "A sealed tender's public record",
          description:
            "Until the opening: the commitments only. After: every commitment with its bidder code and opened amount, and the result, so that each bidder can check its receipt.",
          parameters: idPath,
          responses: { 200: { description: "The record" }, ...errors(404) },
        },
        post: {
          summary: "Submit or replace a sealed bid (approved registrants)",
          description:
            "The response carries the receipt: the commitment SHA-256(`nplex-tender-v1|listingId|amount|bidderCode|salt`) with the amount and salt. The amount is stored sealed and shown by nobody before the opening.",
          parameters: idPath,
          requestBody: body(sealedBidSchema),
          responses: { 201: { description: "The receipt" }, ...errors(401, 403, 404, 409, 422) },
        },
      },
      "/api/v1/listings/{id}/negotiation": {
        get: {
          summary: "A negotiated transfer's private thread of offers (the two parties and operators)",
          description:
            "Every offer with who made it, the amount, when it lapses and its status (open, countered, accepted, expired), and whether the caller may offer or accept now. Anyone else gets 404.",
          parameters: idPath,
          responses: { 200: { description: "The thread" }, ...errors(401, 404) },
        },
        post: {
          summary: "Make an offer or counter-offer, or accept the other side's standing offer",
          description:
            "An offer binds its maker until it is answered or lapses, and may not lapse after the negotiation period. Accepting awards the listing to the counterparty at that price; on the seller's side only its admin accepts.",
          parameters: idPath,
          requestBody: body(negotiationRequestSchema),
          responses: { 201: { description: "The offer made, or the listing awarded" }, ...errors(401, 403, 404, 409, 422) },
        },
      },
      "/api/v1/listings/{id}/default": {
        post: {
          summary: "Record that the winner defaulted (operators)",
          description:
            "With offerRunnerUp, the lot is offered to the best other bidder at its own last bid until the deadline; otherwise, or when there is no other bidder, the award fails and the seller may re-list.",
          parameters: idPath,
          requestBody: body(defaultSchema),
          responses: { 200: { description: "The runner-up offered, or the award failed" }, ...errors(401, 403, 404, 409, 422) },
        },
      },
      "/api/v1/listings/{id}/runner-up": {
        get: {
          summary: "The offer to the runner-up (the runner-up only)",
          parameters: idPath,
          responses: { 200: { description: "Its price and deadline" }, ...errors(401, 403, 404) },
        },
        post: {
          summary: "Accept or decline the offer before its deadline",
          description: "Accepting makes the runner-up the winner at its own last bid; declining fails the award.",
          parameters: idPath,
          requestBody: body(runnerUpAnswerSchema),
          responses: { 200: { description: "The answer recorded" }, ...errors(401, 403, 404, 409, 422) },
        },
      },
      "/api/v1/listings/{id}/transitions": {
        post: {
          summary: "Take one step of the listing's lifecycle",
          description:
            "submit, approve, check_disclosure, return, publish, suspend, resume or withdraw. Who may take which step, and from which status, is the lifecycle's state machine; return, suspend, resume and withdraw need a reason.",
          parameters: idPath,
          requestBody: body(transitionRequestSchema),
          responses: {
            200: json(
              "The listing's new status",
              z.object({ listing: z.object({ id: z.uuid(), status: z.string().nullable() }) }),
            ),
            ...errors(401, 403, 404, 409, 422),
          },
        },
      },
      "/api/v1/listings/{id}/registrations": {
        post: {
          summary: "Register to bid (investors)",
          description:
            "Screened at once against the lot's borrowers and guarantors and the seller's staff (BARRED_BUYER); then an operator confirms the deposit and decides.",
          parameters: idPath,
          requestBody: body(applySchema),
          responses: {
            201: json("The registration, pending", z.object({ registration: z.object({ id: z.uuid(), status: z.string() }) })),
            ...errors(401, 403, 404, 409, 422),
          },
        },
      },
      "/api/v1/registrations/{id}": {
        post: {
          summary: "Confirm a deposit, approve or reject a registration (operators)",
          parameters: idPath,
          requestBody: body(registrationActionSchema),
          responses: { 200: { description: "Done" }, ...errors(401, 403, 404, 409, 422) },
        },
        delete: {
          summary: "Withdraw one's registration before bidding opens",
          parameters: idPath,
          responses: { 200: { description: "Withdrawn" }, ...errors(401, 403, 404, 409) },
        },
      },
      "/api/v1/listings/{id}/objections": {
        get: {
          summary: "The public record of a listing's objections",
          parameters: idPath,
          responses: { 200: { description: "Status, dates and the decision's reason of each objection" }, ...errors(404) },
        },
        post: {
          summary: "Object during the announcement period (signed in)",
          parameters: idPath,
          requestBody: body(objectionSchema),
          responses: { 201: { description: "Filed" }, ...errors(401, 404, 409, 422) },
        },
      },
      "/api/v1/objections/{id}": {
        post: {
          summary: "Uphold (suspends the listing) or dismiss an objection (operators)",
          parameters: idPath,
          requestBody: body(objectionDecisionSchema),
          responses: { 200: { description: "Decided" }, ...errors(401, 403, 404, 409, 422) },
        },
      },
      "/api/v1/listings/{id}/timeline": {
        get: {
          summary: "A listing's public timeline",
          parameters: idPath,
          responses: {
            200: { description: "Announcement, opening, suspensions, decided objections, the close" },
            ...errors(404),
          },
        },
      },
      "/api/v1/listings/{id}/watch": {
        put: {
          summary: "Watch a listing",
          parameters: idPath,
          responses: { 200: { description: "Watching" }, ...errors(401, 404) },
        },
        delete: {
          summary: "Stop watching a listing",
          parameters: idPath,
          responses: { 200: { description: "Not watching" }, ...errors(401, 404) },
        },
      },
      "/api/v1/announcements": {
        get: {
          summary: "Published disposal announcements",
          parameters: parameters(announcementQuerySchema, "query"),
          responses: {
            200: json(
              "A page of announcements",
              z.object({ items: z.array(announcementSummarySchema), page: z.number(), pageSize: z.number(), total: z.number() }),
            ),
            ...errors(400),
          },
        },
      },
      "/api/v1/listings/{id}": {
        get: {
          summary: "One public listing",
          description:
            "Borrowers' and guarantors' names and ID numbers are masked; the reserve price is reported only as met or not.",
          parameters: parameters(z.object({ id: z.uuid() }), "path"),
          responses: { 200: json("The listing", z.object({ listing: listingDetailSchema })), ...errors(404) },
        },
      },
    },
  };
}
