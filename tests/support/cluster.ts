import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { eq } from "drizzle-orm";
import pino from "pino";
import postgres from "postgres";
import { io as connect, type Socket } from "socket.io-client";
import { inject } from "vitest";
import { openDatabase, type Database } from "../../db/client";
import { listings, organisations, registrations, users } from "../../db/schema";
import { demoAccounts } from "../../db/seed/demo";
import { makeAsset } from "../../db/seed/factories";
import { systemClock } from "../../server/clock";
import { createServices, type Services } from "../../server/services";
import { withDatabase } from "./global-setup";
import { freePort } from "./ports";

const root = path.resolve(import.meta.dirname, "../..");

function required(name: "DATABASE_URL" | "REDIS_URL"): string {
  const value = process.env[name];
  if (!value) throw new Error(`The cluster tests need ${name} (see tests/support/cluster-setup.ts)`);
  return value;
}

/**
 * A fresh PostgreSQL database for one cluster: migrated, then seeded with the demo the way an
 * operator would (`db/seed.ts`), with services over it for the test's own factories and checks.
 */
export async function clusterDatabase() {
  const base = required("DATABASE_URL");
  const name = `nplex_cluster_${randomBytes(6).toString("hex")}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = withDatabase(base, name);
  const database: Database = await openDatabase({ url, max: 4 });
  await database.migrate();
  await run(process.execPath, ["--import", "tsx", "db/seed.ts"], { DATABASE_URL: url, LOG_LEVEL: "warn", ...keys });
  const services: Services = createServices({
    database,
    clock: systemClock,
    logger: pino({ level: "silent" }),
    sealingKeys: { current: keys.SEALING_KEY, legacySecret: keys.SESSION_SECRET },
    dataKey: keys.DATA_KEY,
  });
  return {
    url,
    database,
    services,
    db: services.db,
    async drop() {
      await database.close();
      const dropper = postgres(base, { max: 1, onnotice: () => {} });
      await dropper.unsafe(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

export type ClusterDatabase = Awaited<ReturnType<typeof clusterDatabase>>;

function run(command: string, args: string[], env: Record<string, string>) {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: root,
      env: { ...baseEnv(), ...env } as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${args.join(" ")} exited with ${code}:\n${output}`))));
  });
}

/** Only what a server needs from this process's environment: not the test runner's variables. */
function baseEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of ["PATH", "HOME", "TMPDIR", "LANG", "TZ"]) if (process.env[name]) env[name] = process.env[name]!;
  return env;
}

/** The same keys for the seed, every node and the test's own services: each opens what another sealed. */
const keys = {
  SESSION_SECRET: `cluster-test-secret-${randomBytes(16).toString("hex")}`,
  SEALING_KEY: `cluster-test-sealing-${randomBytes(16).toString("hex")}`,
  DATA_KEY: `cluster-test-data-key-${randomBytes(16).toString("hex")}`,
};

/**
 * One server process (`node build/main.js` in production mode) on its own port, sharing the
 * database and Redis with its peers. It can be started again on the same port after a crash.
 */
export async function serverNode(name: string, databaseUrl: string) {
  const server = inject("clusterServer");
  if (!server) throw new Error("tests/support/cluster-setup.ts did not run");
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  let ready = false;
  let exited: Promise<number | null> = Promise.resolve(null);
  let output = "";

  const node = {
    name,
    url,
    port,
    /** Starts the process and waits until it answers HTTP. */
    async start() {
      if (child) throw new Error(`${name} is already running`);
      const started = spawn(process.execPath, ["--enable-source-maps", server], {
        cwd: root,
        env: {
          ...baseEnv(),
          NODE_ENV: "production",
          HOST: "127.0.0.1",
          PORT: String(port),
          ...keys,
          PUBLIC_URL: url,
          // Production asks for the escrow account bidders pay into.
          ESCROW_BANK: "Test Bank, Shanghai Branch",
          ESCROW_ACCOUNT_NAME: "nplex Client Escrow (test)",
          ESCROW_ACCOUNT_NUMBER: "6216 0000 0000 0001",
          LOG_LEVEL: "warn",
          DATABASE_URL: databaseUrl,
          REDIS_URL: required("REDIS_URL"),
          // The loops below bid far faster than a person: the per-bidder limit is not under test here.
          BID_RATE_LIMIT: "100000",
        },
        stdio: ["ignore", "pipe", "pipe"],
      });
      child = started;
      started.stdout.on("data", (chunk) => (output += chunk));
      started.stderr.on("data", (chunk) => (output += chunk));
      exited = new Promise((resolve) =>
        started.on("exit", (code) => {
          child = undefined;
          ready = false;
          resolve(code);
        }),
      );
      const deadline = Date.now() + 60_000;
      for (;;) {
        if (!child) throw new Error(`${name} exited while starting:\n${output}`);
        const ok = await fetch(`${url}/api/v1/time`)
          .then((r) => r.ok)
          .catch(() => false);
        if (ok) {
          ready = true;
          return;
        }
        if (Date.now() > deadline) throw new Error(`${name} did not answer within 60 s:\n${output}`);
        await sleep(100);
      }
    },
    /** Started and answering (until it exits). */
    get ready() {
      return ready;
    },
    /** `kill -9`: no shutdown code runs, connections just drop. */
    async crash() {
      child?.kill("SIGKILL");
      await exited;
    },
    /** SIGTERM, as an orchestrator would; SIGKILL if it hangs. The exit code, or "hung". */
    async stop(): Promise<number | null | "hung"> {
      if (!child) return null;
      child.kill("SIGTERM");
      const code = await Promise.race([exited, sleep(15_000).then(() => "hung" as const)]);
      if (code === "hung") await node.crash();
      return code;
    },
    /** The process's log lines at warn and above (pino JSON), for diagnosis and for checks. */
    logs() {
      return output;
    },
    /** Logged errors (level 50 and above). */
    errors() {
      return output
        .split("\n")
        .filter((line) => line.startsWith("{"))
        .map((line) => JSON.parse(line) as { level: number; msg: string })
        .filter((entry) => entry.level >= 50);
    },
  };
  return node;
}

export type ServerNode = Awaited<ReturnType<typeof serverNode>>;

/** Nodes A and B on the cluster's database, both started. */
export async function startTwoNodes(cluster: ClusterDatabase): Promise<{ a: ServerNode; b: ServerNode }> {
  const a = await serverNode("node A", cluster.url);
  const b = await serverNode("node B", cluster.url);
  await Promise.all([a.start(), b.start()]);
  return { a, b };
}

/** Stops whatever nodes were started, then drops the database; safe after a failed setup. */
export async function stopCluster(cluster: ClusterDatabase | undefined, ...nodes: (ServerNode | undefined)[]) {
  await Promise.all(nodes.flatMap((node) => (node ? [node.stop()] : [])));
  await cluster?.drop();
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `check` holds, polling; fails with `what` after `timeoutMs`. */
export async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 10_000, everyMs = 50) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

/** Signs in through the sign-in form (same-origin POST, as a browser sends it) and returns the session cookie. */
export async function signIn(node: ServerNode, email: string, password: string = demoAccounts.password): Promise<string> {
  const response = await fetch(`${node.url}/signin`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: node.url },
    body: new URLSearchParams({ email, password, redirectTo: "/" }),
  });
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith("nplex_session="));
  if (!cookie) throw new Error(`sign-in of ${email} on ${node.name} failed: ${response.status} ${await response.text()}`);
  return cookie.split(";")[0]!;
}

export interface BidAnswer {
  status: number;
  body: {
    bid?: { seq: number; amount: string; bidderNo: string; placedAt: string };
    listing?: { nextMinimumBid: string; currentPrice: string | null };
    replayed?: boolean;
    error?: { code: string; details: { nextMinimumBid?: string; [detail: string]: unknown } };
  };
}

/** POST /api/v1/listings/:id/bids with the session cookie. Network failures reject. */
export async function postBid(
  node: ServerNode,
  cookie: string,
  listingId: string,
  amount: bigint,
  idempotencyKey: string,
): Promise<BidAnswer> {
  const response = await fetch(`${node.url}/api/v1/listings/${listingId}/bids`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie, origin: node.url },
    body: JSON.stringify({ amount: amount.toString(), idempotencyKey }),
    signal: AbortSignal.timeout(10_000),
  });
  return { status: response.status, body: (await response.json()) as BidAnswer["body"] };
}

export interface BidEvent {
  listingId: string;
  seq: number;
  amount: string;
  bidderNo: string;
  kind: string;
  placedAt: string;
  endsAt: string;
}

/**
 * A socket.io client watching listings the way the auction room does: on every (re)connection it
 * sends `watch` with the highest seq it holds without a gap, and keeps each seq once.
 */
export function watcher(node: ServerNode, listingIds: string[]) {
  const socket: Socket = connect(node.url, {
    transports: ["websocket"],
    reconnectionDelay: 100,
    reconnectionDelayMax: 500,
    randomizationFactor: 0,
  });
  const bids = new Map<string, Map<number, BidEvent & { receivedAt: number }>>(listingIds.map((id) => [id, new Map()]));
  const deliveries = new Map<string, number>();
  const closed: Record<string, unknown>[] = [];
  const watches: { listingId: string; afterSeq: number; ack: unknown }[] = [];
  let connections = 0;
  const contiguous = (listingId: string) => {
    const held = bids.get(listingId)!;
    let seq = 0;
    while (held.has(seq + 1)) seq += 1;
    return seq;
  };
  socket.on("connect", () => {
    connections += 1;
    for (const listingId of listingIds) {
      const afterSeq = contiguous(listingId);
      socket.emit("watch", { listingId, afterSeq }, (ack: unknown) => watches.push({ listingId, afterSeq, ack }));
    }
  });
  socket.on("bid", (event: BidEvent) => {
    const key = `${event.listingId}#${event.seq}`;
    deliveries.set(key, (deliveries.get(key) ?? 0) + 1);
    const held = bids.get(event.listingId);
    if (held && !held.has(event.seq)) held.set(event.seq, { ...event, receivedAt: Date.now() });
  });
  socket.on("closed", (event: Record<string, unknown>) => closed.push(event));
  // Every event as it arrived, whatever its name: what a watcher's browser would hold.
  const events: { name: string; args: unknown[] }[] = [];
  socket.onAny((name: string, ...args: unknown[]) => events.push({ name, args }));
  return {
    socket,
    events,
    bids,
    closed,
    watches,
    deliveries,
    contiguous,
    get connections() {
      return connections;
    },
    /** Resolves once every listing's `watch` has been acknowledged on the current connection. */
    async watching() {
      await until(`${node.name} to acknowledge watch`, () => watches.length >= listingIds.length * Math.max(1, connections));
    },
    close() {
      socket.close();
    },
  };
}

/** The demo's investors, their sessions' emails, and their bidder codes on a listing. */
export async function demoBidders(cluster: ClusterDatabase, listingId: string) {
  const rows = await cluster.db
    .select({
      email: users.email,
      userId: users.id,
      organisationId: organisations.id,
      organisation: organisations.name,
      registrationId: registrations.id,
      bidderCode: registrations.bidderCode,
    })
    .from(registrations)
    .innerJoin(users, eq(registrations.userId, users.id))
    .innerJoin(organisations, eq(registrations.organisationId, organisations.id))
    .where(eq(registrations.listingId, listingId));
  return rows.map((r) => ({ ...r, bidderCode: r.bidderCode! }));
}

/** A demo listing by its title. */
export async function demoListing(cluster: ClusterDatabase, title: string) {
  const [listing] = await cluster.db.select().from(listings).where(eq(listings.title, title));
  if (!listing) throw new Error(`no demo listing titled ${title}`);
  return listing;
}

/** An asset new to the demo bank's book, for a test's own listings; and the bank. */
export async function bankAsset(cluster: ClusterDatabase, asset: Omit<Parameters<typeof makeAsset>[1], "sellerOrgId">) {
  const [bank] = await cluster.db.select().from(organisations).where(eq(organisations.name, "Eastern Commercial Bank"));
  if (!bank) throw new Error("the demo has no Eastern Commercial Bank");
  return { bank, asset: await makeAsset(cluster.services, { ...asset, sellerOrgId: bank.id }) };
}
