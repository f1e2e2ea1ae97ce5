import { roomApi } from "../lib/data-room.server";

/** GET: the asset's data room for its seller's staff; POST (multipart): a document added to it. */
export const { loader, action } = roomApi("asset");
