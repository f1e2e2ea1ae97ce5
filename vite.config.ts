import { vitePlugin as remix } from "@remix-run/dev";
import tailwindcss from "@tailwindcss/vite";
import { defineConfig } from "vite";
import remixOptions from "./remix.config.js";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig({
  server: {
    hmr: process.env.NODE_ENV === "test" ? false : undefined,
    // The development server reads the source folders only: never .data (secrets, the embedded
    // database, uploads), .git or the seed (server/http/development-files.ts guards the rest).
    fs: {
      strict: true,
      allow: ["app", "server", "db/schema", "public", "node_modules"],
      deny: [".data/**", "**/.git/**", ".env", ".env.*", "*.{crt,pem,key}", "db/seed/**", "tests/**"],
    },
  },
  plugins: [tailwindcss(), remix(remixOptions)],
  // Found up front, so a newcomer's first page is not reloaded while Vite discovers them.
  optimizeDeps: {
    include: [
      "i18next",
      "react-i18next",
      "remix-i18next/react",
      "remix-i18next/server",
      "socket.io-client",
      "@remix-run/node",
      "zod",
      "drizzle-orm",
      "drizzle-orm/pg-core",
    ],
  },
  build: { target: "es2022" },
});
