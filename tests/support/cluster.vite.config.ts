import { vitePlugin as remix } from "@remix-run/dev";
import type { PluginOption } from "vite";
import remixOptions from "../../remix.config.js";
import base from "../../vite.config";

/**
 * The app's own Vite config, building into NPLEX_BUILD_DIR instead of build/: the cluster tests
 * get a private production build, so a Playwright run's `npm run build` cannot swap it under them.
 */
const buildDirectory = process.env.NPLEX_BUILD_DIR;
if (!buildDirectory) throw new Error("NPLEX_BUILD_DIR must name the folder to build into");

const isRemix = (plugin: PluginOption) => Array.isArray(plugin) && plugin.some((p) => !!p && "name" in p && p.name === "remix");

export default {
  ...base,
  plugins: (base.plugins ?? []).map((plugin) => (isRemix(plugin) ? remix({ ...remixOptions, buildDirectory }) : plugin)),
};
