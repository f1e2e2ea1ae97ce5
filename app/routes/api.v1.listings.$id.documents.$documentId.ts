import type { LoaderFunctionArgs } from "@remix-run/node";
import { api } from "../lib/api.server";
import { documentResponse } from "../lib/data-room.server";

/** GET: a document of the listing's data room, in a tier open to the caller (logged; an investor's PDF watermarked). */
export const loader = ({ params, context }: LoaderFunctionArgs) =>
  api(context, async () => {
    const file = await context.services.dataRoom.open(context.principal, params.documentId ?? "", {
      listingId: params.id ?? "",
      action: "download",
    });
    return documentResponse(file, false);
  });
