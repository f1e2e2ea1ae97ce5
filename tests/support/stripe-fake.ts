import Stripe from "stripe";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A small stateful stand-in for the parts of Stripe's API nplex uses, served over HTTP so that the
 * real `stripe` SDK talks to it (its host, port and protocol options): customers and their cash
 * balance funded by bank transfer, PaymentIntents held on a card and captured or cancelled, or paid
 * from the cash balance, refunds, and idempotency keys. What Stripe does beyond that is not here.
 */

type Params = Record<string, unknown>;

/** Stripe's form encoding (`a[b][0]=c`) read back into objects and arrays. */
function parseForm(body: string): Params {
  const root: Params = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const path = key.replace(/\]/g, "").split("[");
    let node: Params = root;
    path.forEach((part, i) => {
      if (i === path.length - 1) node[part] = value;
      else node = (node[part] ??= {}) as Params;
    });
  }
  return root;
}

const list = (value: unknown) => (value && typeof value === "object" ? Object.values(value as Params) : []) as string[];

interface Intent {
  id: string;
  object: "payment_intent";
  amount: number;
  amount_received: number;
  currency: string;
  customer: string | null;
  capture_method: "automatic" | "manual";
  status: string;
  payment_method_types: string[];
  metadata: Params;
  livemode: false;
  next_action: null | {
    type: "display_bank_transfer_instructions";
    display_bank_transfer_instructions: {
      amount_remaining: number;
      currency: string;
      reference: string;
      type: string;
      financial_addresses: unknown[];
    };
  };
}

const sortCodeAddress = {
  type: "sort_code",
  supported_networks: ["bacs", "fps"],
  sort_code: { account_holder_name: "nplex", account_number: "00012345", sort_code: "108800" },
};

export async function startStripeFake() {
  let next = 0;
  const id = (prefix: string) => `${prefix}_fake${(next += 1).toString().padStart(6, "0")}`;
  const customers = new Map<
    string,
    { id: string; object: "customer"; name: string | null; metadata: Params; cash: Map<string, number> }
  >();
  const intents = new Map<string, Intent>();
  /** What each transfer payment took from the cash balance over its life, kept even when it is cancelled. */
  const fundedOf = new Map<string, number>();
  const refunded = new Map<string, number>();
  const refundsById = new Map<
    string,
    { id: string; object: "refund"; amount: number; currency: string; payment_intent: string | null; status: string }
  >();
  const refundMade = (refund: Omit<NonNullable<ReturnType<typeof refundsById.get>>, "id" | "object" | "status">) => {
    const made = { id: id("re"), object: "refund" as const, status: "succeeded", ...refund };
    refundsById.set(made.id, made);
    return ok(made);
  };
  const sessions = new Map<
    string,
    { id: string; url: string; customer: string; amount: number; currency: string; metadata: Params; manual: boolean }
  >();
  const replies = new Map<string, { status: number; body: unknown }>();

  /** Stripe's automatic reconciliation: money in a cash balance goes to the customer's waiting transfers, oldest first. */
  function applyCash(customerId: string, currency: string) {
    const customer = customers.get(customerId);
    const touched: string[] = [];
    if (!customer) return touched;
    for (const intent of intents.values()) {
      const waiting = intent.next_action?.display_bank_transfer_instructions;
      if (intent.customer !== customerId || intent.currency !== currency || intent.status !== "requires_action" || !waiting)
        continue;
      const available = customer.cash.get(currency) ?? 0;
      const take = Math.min(available, waiting.amount_remaining);
      if (take <= 0) continue;
      customer.cash.set(currency, available - take);
      waiting.amount_remaining -= take;
      fundedOf.set(intent.id, (fundedOf.get(intent.id) ?? 0) + take);
      if (waiting.amount_remaining === 0) {
        intent.status = "succeeded";
        intent.amount_received = intent.amount;
        intent.next_action = null;
      }
      touched.push(intent.id);
    }
    return touched;
  }
  const requests: { method: string; path: string; idempotencyKey: string | null }[] = [];

  const fail = (status: number, code: string, message: string, type = "invalid_request_error") => ({
    status,
    body: { error: { type, code, message } },
  });
  const ok = (body: unknown) => ({ status: 200, body });
  const publicCustomer = (c: NonNullable<ReturnType<typeof customers.get>>) => ({
    id: c.id,
    object: c.object,
    name: c.name,
    metadata: c.metadata,
    livemode: false,
  });

  function handle(method: string, path: string, params: Params) {
    const parts = path.split("/").filter(Boolean).slice(1);
    const [resource, rid, action] = parts;
    if (method === "POST" && resource === "customers" && !rid) {
      const customer = {
        id: id("cus"),
        object: "customer" as const,
        name: (params.name as string) ?? null,
        metadata: (params.metadata as Params) ?? {},
        cash: new Map<string, number>(),
      };
      customers.set(customer.id, customer);
      return ok(publicCustomer(customer));
    }
    if (resource === "customers" && rid) {
      const customer = customers.get(rid);
      if (!customer) return fail(404, "resource_missing", `No such customer: '${rid}'`);
      if (method === "GET" && action === "cash_balance") {
        return ok({
          object: "cash_balance",
          available: Object.fromEntries(customer.cash),
          customer: customer.id,
          livemode: false,
          settings: { reconciliation_mode: "automatic", using_merchant_default: true },
        });
      }
      if (method === "POST" && action === "funding_instructions") {
        const transfer = params.bank_transfer as Params;
        return ok({
          object: "funding_instructions",
          bank_transfer: {
            country: "GB",
            type: transfer.type,
            financial_addresses: [
              { type: "sort_code", sort_code: { account_holder_name: "nplex", account_number: "00012345", sort_code: "108800" } },
            ],
          },
          currency: params.currency,
          funding_type: "bank_transfer",
          livemode: false,
        });
      }
    }
    if (method === "POST" && resource === "test_helpers" && rid === "customers") {
      const [, , customerId, helper] = parts;
      const customer = customers.get(customerId ?? "");
      if (!customer || helper !== "fund_cash_balance") return fail(404, "resource_missing", "No such customer");
      const currency = String(params.currency);
      const amount = Number(params.amount);
      customer.cash.set(currency, (customer.cash.get(currency) ?? 0) + amount);
      return ok({
        id: id("ccsbtxn"),
        object: "customer_cash_balance_transaction",
        amount,
        currency,
        customer: customer.id,
        type: "funded",
        livemode: false,
      });
    }
    if (resource === "payment_intents") {
      if (method === "POST" && !rid) {
        const types = list(params.allowed_payment_method_types ?? params.payment_method_types);
        const amount = Number(params.amount);
        if (!Number.isInteger(amount) || amount < 1 || amount > 99_999_999)
          return fail(400, "amount_too_large", "Amount must be at most 99999999");
        const intent: Intent = {
          id: id("pi"),
          object: "payment_intent",
          amount,
          amount_received: 0,
          currency: String(params.currency),
          customer: (params.customer as string) ?? null,
          capture_method: params.capture_method === "manual" ? "manual" : "automatic",
          status: "requires_payment_method",
          payment_method_types: types.length ? types : ["card"],
          metadata: (params.metadata as Params) ?? {},
          livemode: false,
          next_action: null,
        };
        if (params.confirm === "true") {
          if (intent.payment_method_types.includes("customer_balance")) {
            const customer = customers.get(intent.customer ?? "");
            if (!customer) return fail(400, "parameter_missing", "A customer is required to pay from its cash balance");
            const transfer = ((params.payment_method_options as Params)?.customer_balance as Params)?.bank_transfer as Params;
            intent.status = "requires_action";
            intent.next_action = {
              type: "display_bank_transfer_instructions",
              display_bank_transfer_instructions: {
                amount_remaining: amount,
                currency: intent.currency,
                reference: `REF${intent.id.slice(-6).toUpperCase()}`,
                type: typeof transfer?.type === "string" ? transfer.type : "gb_bank_transfer",
                financial_addresses: [sortCodeAddress],
              },
            };
            intents.set(intent.id, intent);
            applyCash(customer.id, intent.currency);
          } else if (params.payment_method === "pm_card_chargeDeclined") {
            return fail(402, "card_declined", "Your card was declined.", "card_error");
          } else {
            intent.status = intent.capture_method === "manual" ? "requires_capture" : "succeeded";
            if (intent.status === "succeeded") intent.amount_received = amount;
          }
        }
        intents.set(intent.id, intent);
        return ok(intent);
      }
      const intent = intents.get(rid ?? "");
      if (!intent) return fail(404, "resource_missing", `No such payment_intent: '${rid}'`);
      if (method === "GET" && !action) return ok(intent);
      if (method === "POST" && action === "capture") {
        if (intent.status !== "requires_capture") {
          return fail(
            400,
            "payment_intent_unexpected_state",
            `This PaymentIntent could not be captured because it has a status of ${intent.status}.`,
          );
        }
        intent.status = "succeeded";
        intent.amount_received = intent.amount;
        return ok(intent);
      }
      if (method === "POST" && action === "cancel") {
        if (intent.status === "succeeded" || intent.status === "canceled") {
          return fail(
            400,
            "payment_intent_unexpected_state",
            `You cannot cancel this PaymentIntent because it has a status of ${intent.status}.`,
          );
        }
        // Part of a transfer already applied goes back to the customer's cash balance.
        const waiting = intent.next_action?.display_bank_transfer_instructions;
        const customer = customers.get(intent.customer ?? "");
        if (waiting && customer && waiting.amount_remaining < intent.amount) {
          customer.cash.set(
            intent.currency,
            (customer.cash.get(intent.currency) ?? 0) + intent.amount - waiting.amount_remaining,
          );
        }
        intent.status = "canceled";
        intent.next_action = null;
        return ok(intent);
      }
    }
    if (method === "POST" && resource === "checkout" && rid === "sessions") {
      const line = ((params.line_items as Params)?.["0"] as Params) ?? {};
      const price = (line.price_data as Params) ?? {};
      const intentData = (params.payment_intent_data as Params) ?? {};
      const session = {
        id: id("cs_test"),
        url: "",
        customer: String(params.customer),
        amount: Number(price.unit_amount),
        currency: String(price.currency),
        metadata: (intentData.metadata as Params) ?? {},
        manual: intentData.capture_method === "manual",
      };
      session.url = `https://checkout.stripe.test/c/pay/${session.id}`;
      sessions.set(session.id, session);
      return ok({ id: session.id, object: "checkout.session", url: session.url, payment_intent: null, livemode: false });
    }
    if (method === "POST" && resource === "refunds" && !rid && params.origin === "customer_balance") {
      const customer = customers.get(String(params.customer));
      if (!customer) return fail(404, "resource_missing", "No such customer");
      const currency = String(params.currency);
      const amount = Number(params.amount);
      const available = customer.cash.get(currency) ?? 0;
      if (amount > available) return fail(400, "balance_insufficient", "The cash balance holds less than the refund");
      customer.cash.set(currency, available - amount);
      return refundMade({ amount, currency, payment_intent: null });
    }
    if (method === "POST" && resource === "refunds" && !rid) {
      const intent = intents.get(String(params.payment_intent));
      if (!intent) return fail(404, "resource_missing", "No such payment_intent");
      if (intent.status !== "succeeded") return fail(400, "charge_not_refundable", "Only a succeeded payment can be refunded");
      const done = refunded.get(intent.id) ?? 0;
      const amount = params.amount ? Number(params.amount) : intent.amount_received - done;
      if (amount <= 0 || done + amount > intent.amount_received) {
        return fail(400, "charge_already_refunded", "The refund is more than what remains of the payment");
      }
      refunded.set(intent.id, done + amount);
      return refundMade({ amount, currency: intent.currency, payment_intent: intent.id });
    }
    if (method === "GET" && resource === "refunds" && rid) {
      const refund = refundsById.get(rid);
      return refund ? ok(refund) : fail(404, "resource_missing", `No such refund: '${rid}'`);
    }
    return fail(404, "resource_missing", `Unrecognized request URL (${method}: ${path})`);
  }

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://fake");
      const method = req.method ?? "GET";
      const key = (req.headers["idempotency-key"] as string | undefined) ?? null;
      requests.push({ method, path: url.pathname, idempotencyKey: key });
      const params = method === "GET" ? Object.fromEntries(url.searchParams) : parseForm(body);
      // The same key is the same request: the first answer again, nothing done twice.
      const reply =
        key && method === "POST"
          ? (replies.get(key) ?? handle(method, url.pathname, params))
          : handle(method, url.pathname, params);
      if (key && method === "POST") replies.set(key, reply);
      res.writeHead(reply.status, { "Content-Type": "application/json", "Request-Id": id("req") });
      res.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    connection: { secretKey: "sk_test_fake", host: "127.0.0.1", port, protocol: "http" as const },
    requests,
    /**
     * Stripe's test helper: money arriving by bank transfer in the customer's cash balance, applied
     * to its waiting transfers. Returns the PaymentIntents it moved, each of which Stripe would tell
     * the webhook about.
     */
    fund(customerId: string, amount: number, currency: string) {
      const customer = customers.get(customerId)!;
      customer.cash.set(currency, (customer.cash.get(currency) ?? 0) + amount);
      return applyCash(customerId, currency);
    },
    /** The investor completes a hosted checkout: the card is authorised (held, for a manual capture). */
    completeCheckout(url: string) {
      const session = [...sessions.values()].find((s) => s.url === url);
      if (!session) throw new Error(`no checkout session at ${url}`);
      const intent: Intent = {
        id: id("pi"),
        object: "payment_intent",
        amount: session.amount,
        amount_received: 0,
        currency: session.currency,
        customer: session.customer,
        capture_method: session.manual ? "manual" : "automatic",
        status: session.manual ? "requires_capture" : "succeeded",
        payment_method_types: ["card"],
        metadata: session.metadata,
        livemode: false,
        next_action: null,
      };
      if (!session.manual) intent.amount_received = intent.amount;
      intents.set(intent.id, intent);
      return intent.id;
    },
    /** All the money that ever reached a payment: what a transfer took from the cash balance, or a card's authorised amount. */
    funded(paymentIntentId: string) {
      const intent = intents.get(paymentIntentId);
      if (!intent) return 0;
      return intent.payment_method_types.includes("customer_balance") ? (fundedOf.get(intent.id) ?? 0) : intent.amount;
    },
    /** What Stripe holds of a PaymentIntent now. */
    intent: (paymentIntentId: string) => intents.get(paymentIntentId),
    /** A refund that fails after it was made (the investor's bank refuses it): its money stays with the platform. */
    failRefund(refundId: string) {
      const refund = refundsById.get(refundId)!;
      refund.status = "failed";
      if (refund.payment_intent) refunded.set(refund.payment_intent, (refunded.get(refund.payment_intent) ?? 0) - refund.amount);
    },
    /** What the customer has in its cash balance, in minor units of a lower-case currency. */
    cash: (customerId: string, currency: string) => customers.get(customerId)?.cash.get(currency) ?? 0,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * A delivery of one Stripe event to the webhook, signed as Stripe signs it (the SDK's test header)
 * at the given time: the event names its object as Stripe's events do.
 */
export function signedEvent(input: {
  id: string;
  type: string;
  object: Record<string, unknown>;
  created: Date;
  secret: string;
  signedAt: Date;
}) {
  const payload = JSON.stringify({
    id: input.id,
    object: "event",
    type: input.type,
    created: Math.floor(input.created.getTime() / 1000),
    data: { object: input.object },
    livemode: false,
    api_version: "2025-01-01",
  });
  const signature = Stripe.webhooks.generateTestHeaderString({
    payload,
    secret: input.secret,
    timestamp: Math.floor(input.signedAt.getTime() / 1000),
  });
  return { payload, signature };
}
