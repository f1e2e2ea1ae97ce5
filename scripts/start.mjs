// `npm start`: the marketplace from the production build, built first when missing or older than
// its sources. The development server (Vite, source served on demand) is `npm run dev`.
import { createHash } from "node:crypto";
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const buildDir = path.join(root, "build");
const fingerprintFile = path.join(buildDir, ".sources");

/** What the build is made from: a change, addition or removal of any of these rebuilds it. */
const sources = [
  "app",
  "server",
  "db",
  "public",
  "scripts/build-server.mjs",
  "package.json",
  "package-lock.json",
  "vite.config.ts",
  "remix.config.js",
  "tsconfig.json",
];

function* filesUnder(entry) {
  const full = path.join(root, entry);
  if (!existsSync(full)) return;
  const stat = statSync(full);
  if (stat.isFile()) {
    yield [entry, stat];
    return;
  }
  for (const child of readdirSync(full).sort()) yield* filesUnder(path.join(entry, child));
}

function sourceFingerprint() {
  const hash = createHash("sha256");
  for (const entry of sources)
    for (const [file, stat] of filesUnder(entry)) hash.update(`${file}\0${stat.size}\0${stat.mtimeMs}\n`);
  return hash.digest("hex");
}

const fingerprint = sourceFingerprint();
const built =
  existsSync(path.join(buildDir, "main.js")) &&
  existsSync(path.join(buildDir, "server", "index.js")) &&
  existsSync(fingerprintFile) &&
  readFileSync(fingerprintFile, "utf8") === fingerprint;

if (!built) {
  console.log(
    existsSync(path.join(buildDir, "main.js")) ? "The sources changed: rebuilding…" : "Building the marketplace (once)…",
  );
  const build = spawnSync("npm", ["run", "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
  writeFileSync(fingerprintFile, fingerprint);
}

process.setSourceMapsEnabled(true);
await import(pathToFileURL(path.join(buildDir, "main.js")).href);
