/**
 * What may import what (docs/architecture.md "Layers"). `npm test` runs this check; a violation
 * fails the build. Paths are matched from the repository's root.
 */
// Modules that ship to the browser and hold no loader or action: components and client libs, in
// app/components, app/lib and beside a route in its folder (a route module itself is not one).
const clientModule =
  "^app/(?!.*\\.server\\.tsx?$)(?!routes/[^/]+\\.tsx?$)(?!routes/[^/]+/route\\.tsx?$)(?!root\\.tsx$)(?!entry\\.server\\.tsx$)";
const serverOnlyPackages =
  "^node_modules/(drizzle-orm|postgres|@electric-sql|argon2|pino|pino-http|redis|@socket\\.io/redis-adapter|express|rate-limiter-flexible|compression|commander|exceljs|csv-parse|csv-stringify|iconv-lite|file-type|@cantoo/pdf-lib)/";

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "Modules form layers; a cycle means two of them are really one, or one is in the wrong place.",
      from: { pathNot: "^node_modules" },
      to: { circular: true },
    },
    {
      name: "core-is-pure",
      severity: "error",
      comment: "core/ is pure and isomorphic: it imports only core/ and zod, never I/O, the server, the app or the database.",
      from: { path: "^core/" },
      to: { pathNot: ["^core/", "^node_modules/zod/"] },
    },
    {
      name: "schema-below-everything",
      severity: "error",
      comment: "The database schema imports only core/ (the contract's words) and drizzle.",
      from: { path: "^db/schema/" },
      to: { pathNot: ["^db/schema/", "^core/", "^node_modules/drizzle-orm/"] },
    },
    {
      name: "db-not-app",
      severity: "error",
      comment: "db/ (schema, client, seed) never depends on the app.",
      from: { path: "^db/" },
      to: { path: "^app/" },
    },
    {
      name: "server-not-app",
      severity: "error",
      comment: "The server never depends on the app.",
      from: { path: "^server/" },
      to: { path: "^app/" },
    },
    {
      name: "app-reaches-server-through-server-modules",
      severity: "error",
      comment:
        "App code reaches server code only through context.services and *.server.ts modules: routes, components and client libs import neither server/ nor db/ (not even a type).",
      from: { path: "^app/", pathNot: "\\.server\\.tsx?$" },
      to: { path: ["^server/", "^db/"] },
    },
    {
      name: "client-no-server-packages",
      severity: "error",
      comment: "Components and client libs ship to the browser: no database driver, ORM, Redis or server framework.",
      from: { path: clientModule },
      to: { path: serverOnlyPackages },
    },
    {
      name: "client-only-types-from-server-modules",
      severity: "error",
      comment: "Components and client libs may take types from *.server.ts modules, never code.",
      from: { path: clientModule },
      to: { path: "^app/.*\\.server\\.tsx?$", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "no-tests-in-code",
      severity: "error",
      comment: "Code never imports the tests.",
      from: { path: "^(app|server|core|db)/" },
      to: { path: "^tests/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(build|public|test-results|playwright-report)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      mainFields: ["module", "main", "types", "typings"],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
