// Bundles the server entry (Express + socket.io + services) for production; npm packages stay external.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/**
 * Writes `<buildDirectory>/main.js` beside the Remix build in the same folder, and beside it the
 * worker threads' scripts that the server starts by their path (server/assets/tapes/threads.ts).
 */
export async function buildServer(buildDirectory = path.join(root, "build")) {
  await build({
    entryPoints: {
      main: path.join(root, "server/main.ts"),
      "tape-row-worker": path.join(root, "server/assets/tapes/row-worker.ts"),
    },
    outdir: buildDirectory,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "esm",
    packages: "external",
    sourcemap: true,
    logLevel: "warning",
  });
  return path.join(buildDirectory, "main.js");
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = await buildServer(process.env.NPLEX_BUILD_DIR ? path.resolve(process.env.NPLEX_BUILD_DIR) : undefined);
  console.log(`built ${path.relative(root, out)}`);
}
