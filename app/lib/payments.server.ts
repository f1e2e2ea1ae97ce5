import { readSingleFile } from "./uploads.server";
import { STATEMENT_MAX_BYTES, statementKinds } from "../../server/payments/statements";
import type { PaymentInstructions } from "../../server/payments/providers";
import type { DepositStatus } from "../../core/deposits";
import { displayReference } from "../../core/payment-reference";
import type { Principal } from "../../core/identity/access";
import type { NplexContext } from "../../server/context";
import { AppError } from "../../server/errors";

/** Stripe's hosted page where the investor holds a deposit on a card, returning to its registrations either way. */
export async function cardHoldPage(context: NplexContext, principal: Principal, registrationId: string) {
  const stripe = context.services.stripeDeposits;
  if (!stripe) throw new AppError("NOT_BY_CARD", "This deposit is not held on a card.");
  const back = `${context.publicOrigin}/registrations`;
  return stripe.startCardHold(principal, registrationId, { successUrl: `${back}?card=held`, cancelUrl: back });
}

/** A deposit as the read models give it (server/listings/read-models/registrations.ts). */
interface DepositRead {
  status: DepositStatus;
  expected: bigint;
  received: bigint;
  currency: string;
  reference: string;
  heldAt: Date | null;
  instructions: PaymentInstructions | null;
}

/** A deposit for a page: amounts as decimal strings of minor units, times as ISO strings. */
export function depositForPage(deposit: DepositRead | null) {
  if (!deposit) return null;
  return {
    status: deposit.status,
    expected: deposit.expected.toString(),
    received: deposit.received.toString(),
    outstanding: (deposit.expected > deposit.received ? deposit.expected - deposit.received : 0n).toString(),
    currency: deposit.currency,
    reference: deposit.reference,
    heldAt: deposit.heldAt?.toISOString() ?? null,
    instructions: deposit.instructions ? { ...deposit.instructions, amount: deposit.instructions.amount.toString() } : null,
  };
}

export type DepositForPage = NonNullable<ReturnType<typeof depositForPage>>;

/** A bank statement as a multipart form brings it (`file`, checked by its content), to the API and the operator's page alike. */
export async function readStatementUpload(request: Request) {
  const { file } = await readSingleFile(request, "the bank statement (CSV)", {
    maxFileBytes: STATEMENT_MAX_BYTES,
    kinds: statementKinds,
  });
  return { data: file.data, fileName: file.fileName };
}

/** Stripe's disagreements with nplex for the operator's page (server/payments/stripe-deposits.ts). */
export function mismatchesForPage(
  rows: Awaited<ReturnType<NonNullable<NplexContext["services"]["stripeDeposits"]>["mismatches"]>>,
) {
  return rows.map(({ mismatch, reference, paymentIntent, listingId, listingTitle, organisationName }) => ({
    id: mismatch.id,
    kind: mismatch.kind,
    ours: mismatch.ours,
    theirs: mismatch.theirs,
    foundAt: mismatch.foundAt.toISOString(),
    seenAt: mismatch.seenAt.toISOString(),
    reference: displayReference(reference),
    paymentIntent,
    listingId,
    listingTitle,
    organisationName,
  }));
}

export type MismatchForPage = ReturnType<typeof mismatchesForPage>[number];
