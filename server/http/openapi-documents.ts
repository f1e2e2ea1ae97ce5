import { z } from "zod";
import {
  accessEntrySchema,
  answerInputSchema,
  dataRoomSchema,
  documentRules,
  documentSchema,
  loanTapeQuerySchema,
  questionInputSchema,
  questionSchema,
} from "../../core/contract/documents";
import { documentTiers } from "../../core/enums";
import { body, errors, idPath, json, parameters } from "./openapi-parts";

/** Data rooms in the OpenAPI document: documents by tier, their downloads and who opened them. */

const documentAnswer = z.object({ document: documentSchema });

const upload = (what: string) => ({
  summary: `Add a document to the ${what}'s data room (seller staff)`,
  description: `The file's kind is read from its content (${documentRules.kindNames}), never from its name; at most ${documentRules.maxBytes / (1024 * 1024)} MB. A PDF must open without a password, so that investors' copies can be watermarked. \`cover\` makes a public PNG or JPEG the lot's cover photo.`,
  parameters: idPath,
  requestBody: {
    required: true,
    content: {
      "multipart/form-data": {
        schema: {
          type: "object",
          required: ["file", "title", "tier"],
          properties: {
            file: { type: "string", format: "binary" },
            title: { type: "string", minLength: 2, maxLength: documentRules.maxTitle },
            tier: { type: "string", enum: [...documentTiers] },
            cover: { type: "string", enum: ["true", "on"], description: "Present to make a public photo the cover" },
          },
        },
      },
    },
  },
  responses: { 201: json("The document as kept, with its SHA-256", documentAnswer), ...errors(401, 403, 404, 413, 415, 422) },
});

const sellerRoom = (what: string) => ({
  get: {
    summary: `The ${what}'s data room, every tier (its seller's staff)`,
    parameters: idPath,
    responses: { 200: json("The documents", z.object({ documents: z.array(documentSchema) })), ...errors(401, 403, 404) },
  },
  post: upload(what),
});

const file = {
  description: "The file, as an attachment (never rendered inline)",
  content: { "application/octet-stream": { schema: { type: "string", format: "binary" } } },
};

const listingDocumentPath = parameters(z.object({ id: z.uuid(), documentId: z.uuid() }), "path");

export const documentPaths = {
  "/api/v1/assets/{id}/documents": sellerRoom("asset"),
  "/api/v1/packages/{id}/documents": sellerRoom("package"),
  "/api/v1/listings/{id}/documents": {
    get: {
      summary: "The listing's data room as the caller opens it",
      description:
        "Its own documents, its asset's or package's, and the package's loans'. `public` documents are anyone's once the listing is announced; `registered` ones open to approved bidders; `nda` ones to approved bidders who accepted the NDA. Of a tier the caller cannot open, only the count is given. 404 before the announcement, except to the seller's staff and operators.",
      parameters: idPath,
      responses: { 200: json("The data room", z.object({ dataRoom: dataRoomSchema })), ...errors(404) },
    },
    post: upload("listing"),
  },
  "/api/v1/listings/{id}/documents/{documentId}": {
    get: {
      summary: "One document of the listing's data room, in a tier open to the caller",
      description:
        "Logged for the seller (by bidder code until the sale's outcome is decided). A PDF an investor downloads carries a watermark with its organisation, its user and the time. 403 `TIER_NOT_OPEN` names the tier it needs.",
      parameters: listingDocumentPath,
      responses: { 200: file, ...errors(403, 404) },
    },
  },
  "/api/v1/listings/{id}/tape": {
    get: {
      summary: "A package listing's loans as a loan tape (approved bidders who accepted its NDA; its seller's staff)",
      description:
        "`format` csv (UTF-8 with BOM) or xlsx, `lang` en or zh-CN: the loan tape template's columns, one loan a row, with the borrowers' and guarantors' names and ID numbers in full. Each copy is audited and logged for the seller; it reads back through `POST /api/v1/tapes`.",
      parameters: [...idPath, ...parameters(loanTapeQuerySchema, "query")],
      responses: { 200: file, ...errors(400, 403, 404) },
    },
  },
  "/api/v1/listings/{id}/documents/access": {
    get: {
      summary: "Who opened which document of the listing's data room, newest first (its seller's staff and operators)",
      description:
        "Bidders appear by bidder code only until the listing is awarded, closed or failed; operators always see names.",
      parameters: idPath,
      responses: { 200: json("The openings", z.object({ access: z.array(accessEntrySchema) })), ...errors(401, 404) },
    },
  },
  "/api/v1/listings/{id}/questions": {
    get: {
      summary: "The listing's questions to the seller, as the caller sees them",
      description:
        "The seller's staff and operators see every question with the asker's bidder code; an approved bidder sees the answered ones and its own, never who asked; anyone else an empty list.",
      parameters: idPath,
      responses: { 200: json("The questions, oldest first", z.object({ questions: z.array(questionSchema) })) },
    },
    post: {
      summary: "Ask the seller a question (approved bidders, until bidding ends); the seller is notified",
      parameters: idPath,
      requestBody: body(questionInputSchema),
      responses: { 201: json("The question", z.object({ question: questionSchema })), ...errors(400, 401, 403, 404, 409, 422) },
    },
  },
  "/api/v1/questions/{id}/answer": {
    post: {
      summary: "Answer a question (seller staff): published to every approved bidder of the listing at once, each notified",
      description: "A question is answered once (409 `ALREADY_DECIDED` after).",
      parameters: idPath,
      requestBody: body(answerInputSchema),
      responses: { 200: json("Answered", z.object({ answered: z.literal(true) })), ...errors(400, 401, 403, 404, 409, 422) },
    },
  },
  "/api/v1/documents/{id}": {
    get: {
      summary: "A document as uploaded (its seller's staff and operators)",
      parameters: idPath,
      responses: { 200: file, ...errors(401, 404) },
    },
    delete: {
      summary: "Take a document out of its room (seller staff); its record stays",
      description: "409 `DOCUMENT_LOCKED` while a listing under review or public shows it.",
      parameters: idPath,
      responses: { 200: json("Removed", z.object({ removed: z.literal(true) })), ...errors(401, 403, 404, 409) },
    },
  },
};
