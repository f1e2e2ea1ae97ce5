// Preloaded into the server process by the benchmarks (`node --expose-gc --import probe.mjs
// build/main.js`): answers memory questions over the IPC channel the bench opened, so the server's
// memory is read from inside without changing the server. Does nothing without that channel.
if (typeof process.send === "function") {
  process.on("message", (message) => {
    if (!message || message.type !== "bench:memory") return;
    if (message.gc && typeof globalThis.gc === "function") {
      // Two full collections: the second frees what the first only finalised.
      globalThis.gc();
      globalThis.gc();
    }
    process.send({ type: "bench:memory", id: message.id, usage: process.memoryUsage() });
  });
  // The channel must not keep the server alive on its own; the server's shutdown exits anyway.
  process.channel?.unref();
}
