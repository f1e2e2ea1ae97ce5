/**
 * The Remix options, in one place: vite.config.ts passes them to the Remix plugin.
 * Every v3 future flag is on, so a later move to React Router 7 stays mechanical.
 * @type {import("@remix-run/dev").VitePluginConfig}
 */
export default {
  appDirectory: "app",
  // NPLEX_BUILD_DIR: a private build for the cluster tests and benchmarks, which a concurrent
  // `npm run build` cannot swap under their running servers.
  buildDirectory: process.env.NPLEX_BUILD_DIR ?? "build",
  serverModuleFormat: "esm",
  ignoredRouteFiles: ["**/*.test.{ts,tsx}", "**/.*"],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_singleFetch: true,
    v3_lazyRouteDiscovery: true,
    v3_routeConfig: true,
  },
};
