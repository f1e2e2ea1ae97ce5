import Stripe from "stripe";

/**
 * Stripe as a payment provider, for listings in a currency Stripe funds by transfer (docs/domain.md
 * "Payments"): a deposit held on a card (a manual-capture PaymentIntent, captured for the winner and
 * cancelled for the others) when it fits a hold (`core/card-hold.ts`), or paid by bank transfer
 * into the investor's cash balance and applied from there; refunds through Stripe. Every call that
 * creates or moves money carries an idempotency key derived from listing, registration and purpose,
 * so a retry never charges twice.
 */
export interface StripeConnection {
  secretKey: string;
  /** A test double's address; Stripe's own by default. */
  host?: string;
  port?: number;
  protocol?: "http" | "https";
}

/** The idempotency key of one money movement: the same purpose of the same registration is the same request. */
export const idempotencyKey = (listingId: string, registrationId: string, purpose: string) =>
  `nplex:${listingId}:${registrationId}:${purpose}`;

const bankTransferTypes: Record<
  string,
  "eu_bank_transfer" | "gb_bank_transfer" | "us_bank_transfer" | "jp_bank_transfer" | "mx_bank_transfer"
> = {
  EUR: "eu_bank_transfer",
  GBP: "gb_bank_transfer",
  USD: "us_bank_transfer",
  JPY: "jp_bank_transfer",
  MXN: "mx_bank_transfer",
};

/** A PaymentIntent as nplex reads it: where it stands and how much of it has arrived. */
export interface HeldPayment {
  id: string;
  status: Stripe.PaymentIntent.Status;
  amount: bigint;
  currency: string;
  /** What has reached Stripe for it: all of it once held on a card or paid, part of a transfer while it waits. */
  arrived: bigint;
  /** A card hold (captured later) or a transfer from the cash balance. */
  method: "card" | "bank_transfer";
  metadata: Record<string, string>;
}

/** Where a transfer to the investor's virtual account at Stripe goes, as the payer types it in. */
export interface TransferAccount {
  bank: string;
  accountName: string;
  accountNumber: string;
  reference: string;
}

const held = (intent: Stripe.PaymentIntent): HeldPayment => {
  const method = intent.payment_method_types.includes("customer_balance") ? "bank_transfer" : "card";
  const remaining = intent.next_action?.display_bank_transfer_instructions?.amount_remaining;
  const arrived =
    intent.status === "succeeded"
      ? intent.amount_received
      : intent.status === "requires_capture"
        ? intent.amount_capturable || intent.amount
        : method === "bank_transfer" && intent.status === "requires_action" && typeof remaining === "number"
          ? intent.amount - remaining
          : 0;
  return {
    id: intent.id,
    status: intent.status,
    amount: BigInt(intent.amount),
    currency: intent.currency.toUpperCase(),
    arrived: BigInt(arrived),
    method,
    metadata: { ...intent.metadata },
  };
};

/** A virtual account as Stripe describes it, in the few words a payer's bank form asks for. */
function accountOf(address: Stripe.FundingInstructions.BankTransfer.FinancialAddress): Omit<TransferAccount, "reference"> {
  if (address.iban) {
    const a = address.iban;
    return { bank: `BIC ${a.bic}`, accountName: a.account_holder_name, accountNumber: a.iban };
  }
  if (address.sort_code) {
    const a = address.sort_code;
    return { bank: `Sort code ${a.sort_code}`, accountName: a.account_holder_name, accountNumber: a.account_number };
  }
  if (address.aba) {
    const a = address.aba;
    return { bank: `${a.bank_name}, routing ${a.routing_number}`, accountName: "Stripe", accountNumber: a.account_number };
  }
  if (address.zengin) {
    const a = address.zengin;
    return {
      bank: `${a.bank_name ?? ""} ${a.branch_name ?? ""}`.trim(),
      accountName: a.account_holder_name ?? "Stripe",
      accountNumber: a.account_number ?? "",
    };
  }
  if (address.spei) {
    const a = address.spei;
    return { bank: a.bank_name, accountName: "Stripe", accountNumber: a.clabe };
  }
  throw new RangeError(`Stripe gave a financial address of a kind nplex does not show: ${address.type}`);
}

/** Stripe takes amounts as numbers; ours are bigints of minor units within its 8 digits. */
const amountOf = (amount: bigint) => {
  if (amount <= 0n || amount > 99_999_999n) throw new RangeError(`amount ${amount} is outside what Stripe takes`);
  return Number(amount);
};

/** Stripe's answer that an object does not exist, as against a failure worth retrying. */
const isMissing = (error: unknown) => error instanceof Stripe.errors.StripeInvalidRequestError && error.statusCode === 404;

export function createStripeProvider(connection: StripeConnection) {
  const stripe = new Stripe(connection.secretKey, {
    ...(connection.host ? { host: connection.host } : {}),
    ...(connection.port ? { port: connection.port } : {}),
    ...(connection.protocol ? { protocol: connection.protocol } : {}),
    maxNetworkRetries: 2,
    telemetry: false,
  });

  return {
    /** The Stripe customer of an investor organisation, created once (the key is the organisation's). */
    async customer(organisationId: string, name: string) {
      const customer = await stripe.customers.create(
        { name, metadata: { organisationId } },
        { idempotencyKey: `nplex:customer:${organisationId}` },
      );
      return customer.id;
    },

    /** A deposit held on the investor's card until the close: authorised now, captured or cancelled then. */
    async holdOnCard(input: {
      customerId: string;
      paymentMethodId: string;
      amount: bigint;
      currency: string;
      key: string;
      metadata: Record<string, string>;
    }) {
      const intent = await stripe.paymentIntents.create(
        {
          amount: amountOf(input.amount),
          currency: input.currency.toLowerCase(),
          customer: input.customerId,
          payment_method: input.paymentMethodId,
          allowed_payment_method_types: ["card"],
          capture_method: "manual",
          confirm: true,
          metadata: input.metadata,
        },
        { idempotencyKey: input.key },
      );
      return held(intent);
    },

    /** The winner's hold becomes money. */
    async capture(paymentIntentId: string, key: string) {
      return held(await stripe.paymentIntents.capture(paymentIntentId, {}, { idempotencyKey: key }));
    },

    /** A loser's hold is let go: nothing was taken. */
    async cancel(paymentIntentId: string, key: string) {
      return held(await stripe.paymentIntents.cancel(paymentIntentId, {}, { idempotencyKey: key }));
    },

    /** Where the investor transfers to: its own virtual account at Stripe, in the listing's currency. */
    async transferInstructions(customerId: string, currency: string) {
      const type = bankTransferTypes[currency];
      if (!type) throw new RangeError(`Stripe takes no bank transfers in ${currency}`);
      return stripe.customers.createFundingInstructions(customerId, {
        currency: currency.toLowerCase(),
        funding_type: "bank_transfer",
        bank_transfer: { type },
      });
    },

    /** What the investor's transfers have put in its cash balance and not yet been applied. */
    async cashBalance(customerId: string, currency: string) {
      const balance = await stripe.customers.retrieveCashBalance(customerId);
      return BigInt(balance.available?.[currency.toLowerCase()] ?? 0);
    },

    /**
     * A payment made by bank transfer into the investor's cash balance: created at once and applied
     * from the balance as transfers arrive (Stripe's automatic reconciliation), with the account and
     * reference to pay to while it waits.
     */
    async payByTransfer(input: {
      customerId: string;
      amount: bigint;
      currency: string;
      key: string;
      metadata: Record<string, string>;
    }): Promise<{ payment: HeldPayment; account: TransferAccount | null }> {
      const type = bankTransferTypes[input.currency];
      if (!type) throw new RangeError(`Stripe takes no bank transfers in ${input.currency}`);
      const intent = await stripe.paymentIntents.create(
        {
          amount: amountOf(input.amount),
          currency: input.currency.toLowerCase(),
          customer: input.customerId,
          allowed_payment_method_types: ["customer_balance"],
          payment_method_data: { type: "customer_balance" },
          payment_method_options: { customer_balance: { funding_type: "bank_transfer", bank_transfer: { type } } },
          confirm: true,
          metadata: input.metadata,
        },
        { idempotencyKey: input.key },
      );
      const shown = intent.next_action?.display_bank_transfer_instructions;
      const address = shown?.financial_addresses?.[0];
      return {
        payment: held(intent),
        account: address ? { ...accountOf(address), reference: shown?.reference ?? "" } : null,
      };
    },

    /**
     * A deposit held on the investor's card through Stripe's hosted checkout (no card details pass
     * through nplex): authorised when the investor completes it, captured or cancelled at the close.
     */
    async cardCheckout(input: {
      customerId: string;
      amount: bigint;
      currency: string;
      description: string;
      key: string;
      metadata: Record<string, string>;
      successUrl: string;
      cancelUrl: string;
    }) {
      const session = await stripe.checkout.sessions.create(
        {
          mode: "payment",
          customer: input.customerId,
          allowed_payment_method_types: ["card"],
          line_items: [
            {
              quantity: 1,
              price_data: {
                currency: input.currency.toLowerCase(),
                unit_amount: amountOf(input.amount),
                product_data: { name: input.description },
              },
            },
          ],
          payment_intent_data: { capture_method: "manual", metadata: input.metadata },
          metadata: input.metadata,
          success_url: input.successUrl,
          cancel_url: input.cancelUrl,
        },
        { idempotencyKey: input.key },
      );
      if (!session.url) throw new Error("Stripe gave a checkout session without a page to send the payer to");
      return { id: session.id, url: session.url };
    },

    /** Money left in the investor's cash balance (a transfer that came after its payment was settled) sent back to it. */
    async refundCashBalance(input: { customerId: string; amount: bigint; currency: string; key: string }) {
      const refund = await stripe.refunds.create(
        {
          customer: input.customerId,
          origin: "customer_balance",
          amount: amountOf(input.amount),
          currency: input.currency.toLowerCase(),
        },
        { idempotencyKey: input.key },
      );
      return { id: refund.id, status: refund.status, amount: BigInt(refund.amount) };
    },

    /** Money sent back through Stripe: a released deposit taken earlier, or an overpayment. */
    async refund(input: { paymentIntentId: string; amount?: bigint; key: string }) {
      const refund = await stripe.refunds.create(
        { payment_intent: input.paymentIntentId, ...(input.amount ? { amount: amountOf(input.amount) } : {}) },
        { idempotencyKey: input.key },
      );
      return { id: refund.id, status: refund.status, amount: BigInt(refund.amount) };
    },

    async retrieve(paymentIntentId: string) {
      return held(await stripe.paymentIntents.retrieve(paymentIntentId));
    },

    /** A refund as Stripe now has it, or null when Stripe has no such refund. */
    async findRefund(refundId: string) {
      try {
        const refund = await stripe.refunds.retrieve(refundId);
        return { id: refund.id, status: refund.status, amount: BigInt(refund.amount) };
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },

    /** A payment as Stripe now has it, or null when Stripe has no such payment (other failures are thrown, to retry). */
    async find(paymentIntentId: string): Promise<HeldPayment | null> {
      try {
        return held(await stripe.paymentIntents.retrieve(paymentIntentId));
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },
  };
}

export type StripeProvider = ReturnType<typeof createStripeProvider>;
