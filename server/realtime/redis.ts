import { createClient } from "redis";
import type { Logger } from "../logger";

/**
 * Three connections: commands (rate limits), and the adapter's publisher and subscriber. Each
 * reconnects by itself; an error is logged, since an unheard `error` event would end the process.
 */
export async function connectRedis(url: string, logger?: Pick<Logger, "warn">) {
  const client = createClient({ url });
  const pub = client.duplicate();
  const sub = client.duplicate();
  for (const [name, connection] of [
    ["commands", client],
    ["publisher", pub],
    ["subscriber", sub],
  ] as const) {
    connection.on("error", (error: unknown) => logger?.warn({ err: error, connection: name }, "redis connection error"));
  }
  await Promise.all([client.connect(), pub.connect(), sub.connect()]);
  return {
    client: client as unknown,
    pub: pub as unknown,
    sub: sub as unknown,
    async close() {
      await Promise.allSettled([client.quit(), pub.quit(), sub.quit()]);
    },
  };
}
