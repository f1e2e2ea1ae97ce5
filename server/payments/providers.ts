import { randomInt } from "node:crypto";
import type { paymentProviders } from "../../core/enums";
import {
  displayReference,
  paymentReference,
  REFERENCE_ALPHABET,
  REFERENCE_BODY_LENGTH,
  type PaymentPurpose,
} from "../../core/payment-reference";

export type PaymentProviderName = (typeof paymentProviders)[number];

/** The platform's escrow account that bank transfers go to (ESCROW_* in the configuration). */
export interface EscrowAccount {
  bank: string;
  accountName: string;
  accountNumber: string;
}

/** What a payer needs to pay: where, how much, and the reference to quote. */
export interface PaymentInstructions {
  provider: PaymentProviderName;
  method: "bank_transfer";
  amount: bigint;
  currency: string;
  /** The reference as people read it (`NPX-D-4K7Q-9M2T-X`). */
  reference: string;
  bank: string;
  accountName: string;
  accountNumber: string;
}

/** How money goes back: by hand (an operator sends the transfer and records the bank's reference), or sent by the provider. */
export type RefundSending = { sent: false } | { sent: true; reference: string };

/**
 * A way of moving a payment's money (docs/domain.md "Payments"). The bank transfer works for every
 * currency and is the default; Stripe joins when it is configured, for the currencies it supports.
 */
export interface PaymentProvider {
  readonly name: PaymentProviderName;
  supports(currency: string): boolean;
  instructions(payment: { reference: string; amount: bigint; currency: string }): PaymentInstructions;
  refund(refund: { key: string; amount: bigint; currency: string }): Promise<RefundSending>;
}

/** A fresh platform reference, drawn from a cryptographic source. */
export const freshReference = (purpose: PaymentPurpose) =>
  paymentReference(
    purpose,
    Array.from({ length: REFERENCE_BODY_LENGTH }, () => randomInt(REFERENCE_ALPHABET.length)),
  );

/** Bank transfer to the platform's escrow account: the operator records arrivals, or a statement import matches them. */
export function bankTransferProvider(escrow: EscrowAccount): PaymentProvider {
  return {
    name: "bank_transfer",
    supports: () => true,
    instructions: ({ reference, amount, currency }) => ({
      provider: "bank_transfer",
      method: "bank_transfer",
      amount,
      currency,
      reference: displayReference(reference),
      ...escrow,
    }),
    // The operator sends the transfer back and records the bank's reference.
    refund: () => Promise.resolve({ sent: false }),
  };
}

/** The escrow account a development server shows: plainly not a real one. */
export const demoEscrowAccount: EscrowAccount = {
  bank: "Demo Bank, Shanghai Branch (not a real account)",
  accountName: "nplex Client Escrow (demo)",
  accountNumber: "6216 0000 0000 0000 000",
};

export interface PaymentProviders {
  /** The provider a new payment in this currency uses. */
  forCurrency(currency: string): PaymentProvider;
  byName(name: PaymentProviderName): PaymentProvider;
}

export function createPaymentProviders(escrow: EscrowAccount = demoEscrowAccount): PaymentProviders {
  const bank = bankTransferProvider(escrow);
  return {
    forCurrency: () => bank,
    byName: () => bank,
  };
}
