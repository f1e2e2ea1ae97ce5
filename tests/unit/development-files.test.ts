import path from "node:path";
import type { NextFunction, Request, Response } from "express";
import type { ViteDevServer } from "vite";
import { describe, expect, it } from "vitest";
import { developmentFileGuard } from "../../server/http/development-files";

const root = path.resolve(__dirname, "../..");

/** The guard in front of Vite, with a client module graph holding `inGraph` (paths from the project root). */
function guard(inGraph: string[]) {
  const files = new Set(inGraph.map((file) => path.join(root, file)));
  const vite = {
    environments: {
      client: { moduleGraph: { getModulesByFile: (file: string) => (files.has(file) ? new Set([{}]) : undefined) } },
    },
  } as unknown as ViteDevServer;
  const check = developmentFileGuard(vite, root);
  return (url: string): "passed" | number => {
    let status: number | undefined;
    const res = {
      status(code: number) {
        status = code;
        return res;
      },
      type: () => res,
      send: () => res,
    } as unknown as Response;
    let passed = false;
    const next: NextFunction = () => {
      passed = true;
    };
    check({ originalUrl: url } as Request, res, next);
    return passed ? "passed" : status!;
  };
}

describe("the development server's file guard", () => {
  const request = guard(["core/enums.ts", "core/contract/listings.ts", "server/errors.ts"]);

  it.each([
    ["/app/root.tsx"],
    ["/app/root.tsx?t=1712"],
    ["/core/enums.ts"],
    ["/core/contract/listings.ts?import"],
    ["/server/errors.ts"],
    ["/@vite/client"],
    ["/node_modules/.vite/deps/react.js?v=1"],
  ])("lets the browser's modules through: %s", (url) => {
    expect(request(url)).toBe("passed");
  });

  it.each([
    ["/core/enums.ts?raw", "a module's source"],
    ["/core/money.ts", "a core module the browser has not asked for"],
    ["/server/config.ts", "a server module outside the client's graph"],
    ["/server/errors.ts?raw", "a server module's source"],
    ["/app/i18n.server.ts", "a .server module"],
    ["/db/seed/demo.ts", "the demo data"],
    ["/package.json", "a project file"],
    ["/.ci/run", "a file in a dot-folder, where .data/ keeps the secrets"],
    ["/%E0%A4%A", "a malformed path"],
    ["/..%2f..%2f..%2fetc%2fpasswd", "a path out of the project"],
  ])("answers 404 for %s (%s)", (url) => {
    expect(request(url)).toBe(404);
  });
});
