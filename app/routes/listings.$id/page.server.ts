import type { AppLoadContext } from "@remix-run/node";
import { activeRoles } from "../../../core/identity/access";
import { listingLifecycle } from "./lifecycle.server";

/**
 * Everything the listing page shows, read at once once the listing is known: the first render
 * already holds the bid log and the viewer's own standing (the socket then keeps them live), the
 * lifecycle around the room, and what the sale mode adds.
 */
export async function listingPage(context: AppLoadContext, id: string) {
  const { principal, services } = context;
  const listing = await services.listings.getPublic(id);
  if (!listing) throw new Response("Not found", { status: 404 });
  const [
    viewer,
    history,
    lifecycle,
    tender,
    negotiation,
    runnerUpOffer,
    rounds,
    stratification,
    dataRoom,
    questions,
    purchase,
    notice,
  ] = await Promise.all([
    services.auction.viewerStatus(principal, id),
    // A long auction's room opens on its latest bids, not its first 500.
    services.auction.bidHistory(id, { page: "newest" }),
    listingLifecycle(context, listing),
    // A tender has no bid log: its public record is the commitments, and the amounts once opened.
    listing.mode === "tender" ? services.tender.results(id) : null,
    // A negotiated transfer's thread, for its two parties and the operators only.
    listing.mode === "negotiated" && principal.kind === "user"
      ? services.negotiation.thread(principal, id).catch(() => null)
      : null,
    // After the winner defaulted: the offer to the runner-up, shown to the runner-up alone.
    services.runnerUp.offerFor(principal, id),
    // The lot's earlier rounds after failed auctions, and the round that follows a failed one.
    services.rounds.history(id),
    // A package is read by its aggregates, as buyers price it.
    listing.packageId ? services.packages.publicStratification(listing.packageId) : null,
    // The data room, tier by tier as this reader opens it.
    services.dataRoom.ofListing(principal, id),
    // Questions to the seller and its answers, for approved bidders and the seller's staff.
    services.questions.list(principal, id),
    // After the award: the buyer's own sale, what it owes by when and how to pay it.
    services.sales.forBuyer(principal, id),
    // After the price is paid: the public notice of the assignment to the debtors, once published.
    services.debtorNotices.published(id),
  ]);
  return {
    listing,
    viewer,
    bids: history?.bids ?? [],
    signedIn: principal.kind === "user",
    /** Who may ask for the lot's borrowers and guarantors in full (the service decides, and audits). */
    mayRevealParties:
      lifecycle.registration?.status === "approved" ||
      activeRoles(principal).has("operator") ||
      activeRoles(principal, listing.seller.id).size > 0,
    serverTime: services.clock.now().toISOString(),
    lifecycle,
    tender,
    negotiation,
    runnerUpOffer,
    rounds,
    stratification,
    dataRoom,
    questions,
    debtorNotice: notice ? { number: notice.number, publishedAt: notice.publishedAt.toISOString() } : null,
    purchase: purchase
      ? {
          price: purchase.price.toString(),
          currency: purchase.currency,
          depositHeld: purchase.depositHeld.toString(),
          outstanding: purchase.outstanding.toString(),
          dueAt: purchase.dueAt.toISOString(),
          paidAt: purchase.paidAt?.toISOString() ?? null,
          instructions: purchase.instructions
            ? { ...purchase.instructions, amount: purchase.instructions.amount.toString() }
            : null,
        }
      : null,
  };
}
