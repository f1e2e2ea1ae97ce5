import type { Services } from "../../server/services";

/**
 * The shapes the pages render, as the services read them. Pages and components take these types
 * from here, so the app reaches server code only through this module and `context.services`.
 */
type Answer<F> = F extends (...args: never[]) => Promise<infer T> ? T : never;

export type NegotiationThread = Answer<Services["negotiation"]["thread"]>;
export type RoundOptions = NonNullable<Answer<Services["rounds"]["options"]>>;
export type Workspace = Answer<Services["workspace"]["workspace"]>;
export type TenderReceipt = Answer<Services["tender"]["submit"]>["receipt"];
export type TenderRecord = NonNullable<Answer<Services["tender"]["results"]>>;
export type ServiceViewerStatus = Answer<Services["auction"]["viewerStatus"]>;
export type { SellerListing } from "../../server/listings/read-models/seller";
export type { ChainCheck } from "../../server/audit/rules";
