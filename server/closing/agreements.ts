import { createHash } from "node:crypto";
import { and, asc, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "../../db/client";
import { agreements, agreementSignatures, type Agreement, type Listing, type Sale } from "../../db/schema/index";
import { activeRoles, type Principal } from "../../core/identity/access";
import { agreementText } from "../../core/transfer-agreement";
import { signAgreementSchema } from "../../core/contract/closing";
import type { AuditService } from "../audit/service";
import type { Clock } from "../clock";
import { AppError } from "../errors";
import { actorOf } from "../identity/accounts";
import type { NotificationService } from "../notifications/service";
import { advanceClosing } from "./progress";
import { agreementFactsOf, buyerPeopleOf, openSale, sellerPeopleOf } from "./sale-facts";

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

/**
 * The sale's transfer agreement (docs/domain.md "Closing"): written from the sale's facts, issued
 * as a numbered version with its SHA-256, signed in the app by the seller's admin and by the buyer
 * (name, time, IP and the digest they read). A version whose facts or text changed is voided with
 * its signatures and a new one issued. Both signatures make the listing `contracted`; with the
 * balance in, `paid`.
 */
export function createAgreementService(deps: { db: Db; clock: Clock; audit: AuditService; notifications: NotificationService }) {
  const { db, clock, audit, notifications } = deps;

  /**
   * The current version, issued now if there is none, or re-issued when the facts changed or the
   * stored text no longer matches its digest (either voids the signatures given). Under the sale's lock.
   */
  async function currentVersion(tx: Db, listing: Listing, sale: Sale): Promise<Agreement> {
    const facts = await agreementFactsOf(tx, listing, sale);
    const factsDigest = sha256(JSON.stringify(facts, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v)));
    const [current] = await tx
      .select()
      .from(agreements)
      .where(and(eq(agreements.saleId, sale.id), isNull(agreements.voidedAt)));
    if (current && current.factsDigest === factsDigest && sha256(current.text) === current.sha256) return current;
    const now = clock.now();
    const system = { userId: null, label: "system:closing" };
    if (current) {
      const voidReason =
        current.factsDigest !== factsDigest ? "the sale's facts changed" : "the text no longer matches its digest";
      await tx.update(agreements).set({ voidedAt: now, voidReason }).where(eq(agreements.id, current.id));
      await audit.append(tx, {
        actor: system,
        action: "listing.agreement_voided",
        entityType: "listing",
        entityId: listing.id,
        before: { version: current.version, sha256: current.sha256 },
        reason: voidReason,
      });
    }
    const [last] = await tx
      .select({ version: agreements.version })
      .from(agreements)
      .where(eq(agreements.saleId, sale.id))
      .orderBy(desc(agreements.version))
      .limit(1);
    const text = agreementText(facts);
    const [issued] = await tx
      .insert(agreements)
      .values({
        saleId: sale.id,
        listingId: listing.id,
        version: (last?.version ?? 0) + 1,
        text,
        sha256: sha256(text),
        factsDigest,
        issuedAt: now,
      })
      .returning();
    await audit.append(tx, {
      actor: system,
      action: "listing.agreement_issued",
      entityType: "listing",
      entityId: listing.id,
      after: { version: issued!.version, sha256: issued!.sha256 },
    });
    return issued!;
  }

  async function open(tx: Db, principal: Principal, listingId: string) {
    const { listing, sale, party } = await openSale(tx, principal, listingId);
    return { listing, sale, party, agreement: await currentVersion(tx, listing, sale) };
  }

  async function signaturesOf(tx: Db, agreementId: string) {
    return tx
      .select()
      .from(agreementSignatures)
      .where(eq(agreementSignatures.agreementId, agreementId))
      .orderBy(asc(agreementSignatures.signedAt));
  }

  return {
    /** The agreement as it stands: the text, its digest, who has signed, and whether the reader signs and may now. */
    async view(principal: Principal, listingId: string) {
      return db.transaction(async (tx) => {
        const { listing, sale, party, agreement } = await open(tx, principal, listingId);
        const signatures = await signaturesOf(tx, agreement.id);
        const operator = principal.kind === "user" && activeRoles(principal).has("operator");
        return {
          listingId: listing.id,
          listingStatus: listing.status,
          version: agreement.version,
          text: agreement.text,
          sha256: agreement.sha256,
          issuedAt: agreement.issuedAt,
          dueAt: sale.dueAt,
          party,
          canSign: party !== null && !signatures.some((s) => s.party === party) && listing.status === "awarded",
          // Where a signature came from is the operator's evidence, not the other side's business.
          signatures: signatures.map((s) => ({
            party: s.party,
            name: s.name,
            signedAt: s.signedAt,
            ...(operator ? { ip: s.ip } : {}),
          })),
        };
      });
    },

    /** One side signs the version it read: refused when the text changed since, or when its side has signed. */
    async sign(principal: Principal, listingId: string, raw: unknown, ip: string) {
      const input = signAgreementSchema.parse(raw);
      return db.transaction(async (tx) => {
        const { listing, sale, party, agreement } = await open(tx, principal, listingId);
        if (!party || principal.kind !== "user") {
          throw new AppError("FORBIDDEN", "Only the seller's admin and the buyer sign the transfer agreement.");
        }
        if (listing.status !== "awarded") {
          throw new AppError("INVALID_TRANSITION", "The agreement is signed only while the lot is awarded.", {
            status: listing.status,
          });
        }
        if (input.sha256 !== agreement.sha256) {
          throw new AppError("AGREEMENT_CHANGED", "The agreement has changed since you read it: read it again before you sign.", {
            sha256: agreement.sha256,
          });
        }
        const now = clock.now();
        const [signature] = await tx
          .insert(agreementSignatures)
          .values({
            agreementId: agreement.id,
            party,
            userId: principal.userId,
            name: input.name,
            ip,
            sha256: agreement.sha256,
            signedAt: now,
          })
          .onConflictDoNothing()
          .returning();
        if (!signature) throw new AppError("ALREADY_SIGNED", "Your side has already signed this agreement.");
        await audit.append(tx, {
          actor: actorOf(principal),
          action: "listing.agreement_signed",
          entityType: "listing",
          entityId: listing.id,
          after: { party, version: agreement.version, sha256: agreement.sha256, name: input.name, ip },
        });
        const signatures = await signaturesOf(tx, agreement.id);
        const complete = signatures.length === 2;
        const otherSide =
          party === "seller" ? await buyerPeopleOf(tx, sale.registrationId) : await sellerPeopleOf(tx, listing, ["seller_admin"]);
        await notifications.notify(tx, {
          userIds: otherSide,
          kind: "agreement_signed",
          listingId: listing.id,
          params: { party, complete: complete ? "yes" : "no" },
        });
        const status = complete ? await advanceClosing(tx, { audit, clock }, listing.id) : listing.status;
        return { party, signedAt: now, complete, status };
      });
    },
  };
}

export type AgreementService = ReturnType<typeof createAgreementService>;
