import { z } from "zod";
import { assetInputSchema, assetQuerySchema, revealedPartySchema, sellerAssetSchema } from "../../core/contract/assets";
import { body, errors, idPath, json, parameters } from "./openapi-parts";

/** The seller's book in the OpenAPI document: assets by hand, and the audited reveal of their parties. */

const assetAnswer = z.object({ asset: sellerAssetSchema });

export const assetPaths = {
  "/api/v1/assets": {
    get: {
      summary: "The caller's organisation's assets (seller staff, approvers, valuers)",
      description: "Newest first. Borrowers' and guarantors' names and ID numbers are masked; `/parties` reveals them, audited.",
      parameters: parameters(assetQuerySchema, "query"),
      responses: {
        200: json("A page of assets", z.object({ assets: z.array(sellerAssetSchema), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() })),
        ...errors(400, 401, 403),
      },
    },
    post: {
      summary: "Record an asset of any kind (seller staff)",
      description:
        "`kind` decides the details sent with it: `claim` (balances apart, dates, classification, security, collateral, litigation, legal clocks, loan officers), `realEstate`, `movable`, `equity` or `foreclosed`. A user who edits for several seller organisations names one in `organisationId`. Amounts are whole minor units as decimal strings; dates YYYY-MM-DD. ID numbers are checked by their kind's rule (a resident ID or credit code by its check character).",
      requestBody: body(assetInputSchema),
      responses: { 201: json("The asset", assetAnswer), ...errors(400, 401, 403, 422) },
    },
  },
  "/api/v1/assets/{id}": {
    get: {
      summary: "One of the caller's organisation's assets",
      parameters: idPath,
      responses: { 200: json("The asset", assetAnswer), ...errors(401, 403, 404) },
    },
    put: {
      summary: "Replace the asset's facts (seller staff)",
      description:
        "The whole asset, as for POST. Refused with 409 `ASSET_LOCKED` (naming the listing) while a listing of the asset is in review, approved, public or sold: its facts are what reviewers approved and bidders read. 409 `ASSET_ARCHIVED` for an archived asset.",
      parameters: idPath,
      requestBody: body(assetInputSchema),
      responses: { 200: json("The asset", assetAnswer), ...errors(400, 401, 403, 404, 409, 422) },
    },
    delete: {
      summary: "Archive the asset (seller staff); `?restore=1` restores it",
      description: "Archived assets leave the book and cannot be listed; they are kept with their history. Refused with `ASSET_LOCKED` as for PUT.",
      parameters: idPath,
      responses: { 200: json("The asset", assetAnswer), ...errors(401, 403, 404, 409) },
    },
  },
  "/api/v1/assets/{id}/parties": {
    get: {
      summary: "The asset's borrowers and guarantors in full (audited)",
      description:
        "For the seller's staff, operators, and approved registrants who accepted the NDA of a listing of the asset. Each call is recorded in the audit log; anyone else gets 404, as for an asset that does not exist.",
      parameters: idPath,
      responses: { 200: json("The parties", z.object({ parties: z.array(revealedPartySchema) })), ...errors(401, 404) },
    },
  },
};
