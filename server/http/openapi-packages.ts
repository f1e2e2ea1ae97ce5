import { z } from "zod";
import { packageInputSchema, packageSchema, stratificationSchema } from "../../core/contract/packages";
import { body, errors, idPath, json } from "./openapi-parts";

/** Packages and their stratification in the OpenAPI document. */

const packageAnswer = z.object({ package: packageSchema });

export const packagePaths = {
  "/api/v1/packages": {
    get: {
      summary: "The caller's organisations' packages, newest first (seller staff, approvers, valuers)",
      responses: { 200: json("The packages", z.object({ packages: z.array(packageSchema) })), ...errors(401, 403) },
    },
    post: {
      summary: "Build a package from picked assets (`assetIds`) or every loan a tape brought in (`tapeId`) (seller staff)",
      description:
        "The assets are the caller's own, not archived, and in one currency; anything else is refused with 422 naming the field.",
      requestBody: body(packageInputSchema),
      responses: { 201: json("The package", packageAnswer), ...errors(400, 401, 403, 422) },
    },
  },
  "/api/v1/packages/{id}": {
    get: {
      summary: "One of the caller's organisations' packages",
      parameters: idPath,
      responses: { 200: json("The package", packageAnswer), ...errors(401, 403, 404) },
    },
  },
  "/api/v1/packages/{id}/stratification": {
    get: {
      summary:
        "The package's stratification: totals and groups by classification, security, collateral type, litigation stage, province, city, industry, balance band and default vintage",
      description:
        "Public (no credentials) once a listing of the package is announced or later: aggregates only, never a loan's own facts. The seller's staff read their own packages' at any time. Amounts are minor units as decimal strings; shares are basis points, each column summing to 10,000. 404 otherwise.",
      parameters: idPath,
      responses: { 200: json("The stratification", z.object({ stratification: stratificationSchema })), ...errors(404) },
    },
  },
};
