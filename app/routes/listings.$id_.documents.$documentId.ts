import type { LoaderFunctionArgs } from "@remix-run/node";
import { documentResponse } from "../lib/data-room.server";
import { refusalOf } from "../lib/refusal.server";

/**
 * A document of a listing's data room, for whoever its tier lets in: anyone the public tier of an
 * announced listing, approved bidders the rest (logged; an investor's PDF watermarked).
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const view = new URL(request.url).searchParams.has("view");
  try {
    const file = await context.services.dataRoom.open(context.principal, params.documentId ?? "", {
      listingId: params.id ?? "",
      action: view ? "view" : "download",
    });
    return documentResponse(file, view);
  } catch (error) {
    const { status } = refusalOf(error);
    throw new Response(
      status === 403 ? "Register for this listing, and accept its NDA where the document asks it, to open this document." : null,
      {
        status,
        headers: { "Content-Type": "text/plain; charset=utf-8", "X-Content-Type-Options": "nosniff" },
      },
    );
  }
}
