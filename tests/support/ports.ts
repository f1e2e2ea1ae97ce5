import net from "node:net";

/**
 * A port for a server a test starts, free when asked. It is taken below 32768, where Linux never
 * hands out the ephemeral ports of outgoing connections (32768-60999): a port from that range can be
 * taken by a database or browser connection between the check and the server's own listen.
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (await isFree(port)) return port;
  }
  throw new Error("no free port between 20000 and 32000 after 50 tries");
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}
