import { randomInt } from "node:crypto";
import type { paymentProviders } from "../../core/enums";
import { CARD_MAX_AMOUNT, stripeTransferCurrencies } from "../../core/card-hold";
import type { ProviderDetails } from "../../db/schema/index";
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

/** What a payer needs to pay: how, how much, and (for a transfer) where and the reference to quote. */
export type PaymentInstructions =
  | {
      provider: PaymentProviderName;
      method: "bank_transfer";
      amount: bigint;
      currency: string;
      /** The reference as people read it (`NPX-D-4K7Q-9M2T-X`), or the one Stripe gave the payer's virtual account. */
      reference: string;
      bank: string;
      accountName: string;
      accountNumber: string;
    }
  /** Held on the payer's card through the provider's hosted page, which the payer opens from nplex. */
  | { provider: "stripe"; method: "card"; amount: bigint; currency: string; reference: string }
  /** The provider is still setting up where to pay: moments, normally. */
  | { provider: "stripe"; method: "preparing"; amount: bigint; currency: string; reference: string };

/** Instructions to pay by bank transfer. */
export type TransferInstructions = Extract<PaymentInstructions, { method: "bank_transfer" }>;

/** A payment as providers are asked about it: what is owed, under our reference, with what the provider set up for it. */
export interface PaymentAsked {
  reference: string;
  amount: bigint;
  currency: string;
  details?: ProviderDetails | null;
}

/**
 * A way of moving a payment's money (docs/domain.md "Payments"). The bank transfer works for every
 * currency and is the default; Stripe joins when it is configured, for the currencies it supports.
 */
export interface PaymentProvider {
  readonly name: PaymentProviderName;
  supports(currency: string): boolean;
  instructions(payment: PaymentAsked): PaymentInstructions;
}

/** A fresh platform reference, drawn from a cryptographic source. */
export const freshReference = (purpose: PaymentPurpose) =>
  paymentReference(
    purpose,
    Array.from({ length: REFERENCE_BODY_LENGTH }, () => randomInt(REFERENCE_ALPHABET.length)),
  );

/** Bank transfer to the platform's escrow account: the operator records arrivals, or a statement import matches them. */
export function bankTransferProvider(
  escrow: EscrowAccount,
): Omit<PaymentProvider, "instructions"> & { instructions(payment: PaymentAsked): TransferInstructions } {
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
  };
}

/**
 * Stripe, for the currencies it takes bank transfers in (core/card-hold.ts): the investor pays into
 * its own virtual account at Stripe, or holds a small deposit on a card; what is set up for each
 * payment is kept with it (server/payments/stripe-deposits.ts).
 */
export function stripePaymentProvider(): PaymentProvider {
  return {
    name: "stripe",
    supports: (currency) => (stripeTransferCurrencies as readonly string[]).includes(currency),
    instructions: ({ reference, amount, currency, details }) => {
      const base = { provider: "stripe" as const, amount, currency, reference: displayReference(reference) };
      if (!details) return { ...base, method: "preparing" };
      if (details.method === "card") return { ...base, method: "card" };
      const { bank, accountName, accountNumber } = details;
      return { ...base, method: "bank_transfer", bank, accountName, accountNumber, reference: details.reference };
    },
  };
}

/** The escrow account a development server shows: plainly not a real one. */
export const demoEscrowAccount: EscrowAccount = {
  bank: "Demo Bank, Shanghai Branch (not a real account)",
  accountName: "nplex Client Escrow (demo)",
  accountNumber: "6216 0000 0000 0000 000",
};

export interface PaymentProviders {
  /**
   * The provider a new payment uses: Stripe where it is configured, takes the currency and the
   * amount fits its 8 digits of minor units; the bank otherwise.
   */
  forPayment(currency: string, amount: bigint): PaymentProvider;
  byName(name: PaymentProviderName): PaymentProvider;
  /** The platform's escrow account, which takes every currency. */
  readonly bank: ReturnType<typeof bankTransferProvider>;
}

export function createPaymentProviders(escrow: EscrowAccount = demoEscrowAccount, withStripe = false): PaymentProviders {
  const bank = bankTransferProvider(escrow);
  const stripe = withStripe ? stripePaymentProvider() : null;
  return {
    forPayment: (currency, amount) => (stripe?.supports(currency) && amount <= CARD_MAX_AMOUNT ? stripe : bank),
    byName: (name) => (name === "stripe" && stripe ? stripe : name === "stripe" ? stripePaymentProvider() : bank),
    bank,
  };
}
