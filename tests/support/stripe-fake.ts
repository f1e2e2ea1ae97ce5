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
}

export async function startStripeFake() {
  let next = 0;
  const id = (prefix: string) => `${prefix}_fake${(next += 1).toString().padStart(6, "0")}`;
  const customers = new Map<
    string,
    { id: string; object: "customer"; name: string | null; metadata: Params; cash: Map<string, number> }
  >();
  const intents = new Map<string, Intent>();
  const refunded = new Map<string, number>();
  const replies = new Map<string, { status: number; body: unknown }>();
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
        };
        if (params.confirm === "true") {
          if (intent.payment_method_types.includes("customer_balance")) {
            const customer = customers.get(intent.customer ?? "");
            if (!customer) return fail(400, "parameter_missing", "A customer is required to pay from its cash balance");
            const available = customer.cash.get(intent.currency) ?? 0;
            if (available >= amount) {
              customer.cash.set(intent.currency, available - amount);
              intent.status = "succeeded";
              intent.amount_received = amount;
            } else {
              intent.status = "requires_action";
            }
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
        intent.status = "canceled";
        return ok(intent);
      }
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
      return ok({
        id: id("re"),
        object: "refund",
        amount,
        currency: intent.currency,
        payment_intent: intent.id,
        status: "succeeded",
      });
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
    /** Stripe's test helper: money arriving by bank transfer in the customer's cash balance. */
    fund(customerId: string, amount: number, currency: string) {
      const customer = customers.get(customerId)!;
      customer.cash.set(currency, (customer.cash.get(currency) ?? 0) + amount);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
