import { z } from "zod";
import { listingDetailSchema, listingPageSchema, listingQuerySchema } from "../listings/schemas";

export const timeSchema = z.object({
  serverTime: z.iso.datetime().describe("The server's clock; clients compute their offset from it"),
  epochMs: z.number().int(),
});

export const errorSchema = z.object({
  error: z.object({
    code: z.string().describe("Stable machine-readable code, e.g. BID_TOO_LOW"),
    message: z.string(),
    details: z.record(z.string(), z.unknown()),
  }),
});

/** zod 4 speaks JSON Schema 2020-12, which is what OpenAPI 3.1 uses for its schemas. */
const schemaOf = (schema: z.ZodType, io: "input" | "output" = "output") => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as Record<string, unknown>;
  return rest;
};

/** Each field of a query or path schema becomes one parameter. */
function parameters(schema: z.ZodObject, where: "query" | "path") {
  return Object.entries(schema.shape).map(([name, field]) => ({
    name,
    in: where,
    required: where === "path" || !(field as z.ZodType).safeParse(undefined).success,
    schema: schemaOf(field as z.ZodType, "input"),
  }));
}

const json = (description: string, schema: z.ZodType) => ({
  description,
  content: { "application/json": { schema: schemaOf(schema) } },
});
const errors = (...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((s) => [
      s,
      { description: "Error", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
    ]),
  );

/** The public API's document, generated from the same zod schemas the routes validate with. */
export function buildOpenApiDocument() {
  return {
    openapi: "3.1.0",
    info: {
      title: "nplex API",
      version: "1.0.0",
      description:
        "The nplex marketplace API. Amounts are integer minor units as decimal strings; times are ISO 8601 by the server's clock. Errors share one shape: `{ error: { code, message, details } }`.",
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
      "/api/v1/time": {
        get: { summary: "Server time", responses: { 200: json("Now, by the server's clock", timeSchema) } },
      },
      "/api/v1/listings": {
        get: {
          summary: "Public listings",
          description: "Filters combine with AND; live listings come first, ending soonest.",
          parameters: parameters(listingQuerySchema, "query"),
          responses: { 200: json("A page of listings", listingPageSchema), ...errors(400, 429) },
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
