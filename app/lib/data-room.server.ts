import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import type { AppLoadContext } from "@remix-run/node";
import { documentRules, loanTapeQuerySchema, type DocumentRoom } from "../../core/contract/documents";
import type { Principal } from "../../core/identity/access";
import { tapeWorkbook } from "../../server/data-room/loan-tape";
import { documentKinds } from "../../server/data-room/kinds";
import { api, methodNotAllowed, parseQuery } from "./api.server";
import { requireApiPermission } from "./auth.server";
import { csvDownload, download, downloadHeaders } from "./downloads.server";
import { readSingleFile } from "./uploads.server";

/**
 * A data room's document as a multipart form brings it, to the API and to the seller's room page
 * alike: the file (`file`, checked by its content as it arrives), its `title`, its `tier` and, for
 * a public photo, `cover`.
 */
export async function readDocumentUpload(request: Request) {
  const { file, fields } = await readSingleFile(request, "the document's file", {
    maxFileBytes: documentRules.maxBytes,
    kinds: documentKinds,
  });
  return { file, fields: { title: fields.get("title") ?? "", tier: fields.get("tier") ?? "", cover: fields.get("cover") } };
}

export const roomKinds = ["asset", "package", "listing"] as const;
export type RoomKind = (typeof roomKinds)[number];

export function roomOf(kind: RoomKind, id: string): DocumentRoom {
  return kind === "asset" ? { assetId: id } : kind === "package" ? { packageId: id } : { listingId: id };
}

/**
 * A document as the site hands it out: a download (attachment) always, except a photo asked to be
 * viewed, which an <img> shows inline. Never sniffed, never run as a page.
 */
export function documentResponse(file: { data: Uint8Array; fileName: string; contentType: string }, view: boolean): Response {
  const headers = downloadHeaders(file.fileName, file.contentType);
  if (view && file.contentType.startsWith("image/")) headers["Content-Disposition"] = "inline";
  return new Response(new Uint8Array(file.data), { headers });
}

/**
 * The API of one kind of room. GET: an asset's or a package's documents for its seller's staff; a
 * listing's data room as the caller opens it (anyone reads its public tier once it is announced).
 * POST (multipart: `file`, `title`, `tier`, optional `cover`): a document added by the seller (201).
 */
export function roomApi(kind: RoomKind) {
  return {
    loader: ({ params, context }: LoaderFunctionArgs) =>
      api(context, async () => {
        const id = params.id ?? "";
        if (kind === "listing") return { dataRoom: await context.services.dataRoom.ofListing(context.principal, id) };
        const principal = requireApiPermission(context, "seller.listings.read");
        return { documents: (await context.services.dataRoom.ofRoom(principal, roomOf(kind, id))).documents };
      }),
    action: ({ request, params, context }: ActionFunctionArgs) => {
      if (request.method !== "POST") return methodNotAllowed({ request });
      return api(
        context,
        async () => {
          const principal = requireApiPermission(context, "asset.manage");
          const { file, fields } = await readDocumentUpload(request);
          return { document: await context.services.dataRoom.upload(principal, roomOf(kind, params.id ?? ""), fields, file) };
        },
        201,
      );
    },
  };
}

/** A package listing's loan tape as a download: `?format=csv|xlsx&lang=en|zh-CN` (audited, logged for the seller). */
export async function loanTapeResponse(
  context: AppLoadContext,
  principal: Principal,
  listingId: string,
  request: Request,
): Promise<Response> {
  const { format, lang } = parseQuery(request, loanTapeQuerySchema);
  const { rows } = await context.services.dataRoom.loanTape(principal, listingId, lang, format);
  const name = `loan-tape-${listingId.slice(0, 8)}-${lang}.${format}`;
  if (format === "csv") return csvDownload(name, rows[0]!, rows.slice(1));
  return download(
    await tapeWorkbook(rows, lang === "zh-CN" ? "贷款清单" : "Loan tape"),
    name,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  );
}
