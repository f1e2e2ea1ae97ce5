import { createClient } from "redis";

/** Three connections: commands (rate limits), and the adapter's publisher and subscriber. */
export async function connectRedis(url: string) {
  const client = createClient({ url });
  const pub = client.duplicate();
  const sub = client.duplicate();
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
