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
  server: { hmr: process.env.NODE_ENV === "test" ? false : undefined },
  plugins: [tailwindcss(), remix(remixOptions)],
  build: { target: "es2022" },
});
