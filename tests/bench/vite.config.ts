import { vitePlugin as remix } from "@remix-run/dev";
import type { PluginOption } from "vite";
import remixOptions from "../../remix.config.js";
import base from "../../vite.config";

/**
 * The app's own Vite config, building into BENCH_BUILD_DIR instead of build/: the benchmark gets a
 * private production build, so a concurrent `npm run build` (Playwright's, say) cannot swap it
 * under the running server, and the bench's build cannot swap anyone else's.
 */
const buildDirectory = process.env.BENCH_BUILD_DIR;
if (!buildDirectory) throw new Error("BENCH_BUILD_DIR must name the folder to build into");

const isRemix = (plugin: PluginOption) => Array.isArray(plugin) && plugin.some((p) => !!p && "name" in p && p.name === "remix");

export default {
  ...base,
  plugins: (base.plugins ?? []).map((plugin) => (isRemix(plugin) ? remix({ ...remixOptions, buildDirectory }) : plugin)),
};
