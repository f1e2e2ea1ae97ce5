import { statSync } from "node:fs";
import path from "node:path";
import type { NextFunction, Request, Response } from "express";
import type { ViteDevServer } from "vite";

/** Queries Vite's client adds to a module's URL; any other (`?raw`, `?url`, `?inline`…) may return source. */
const moduleQueries = new Set(["t", "v", "import", "direct"]);

/**
 * In development Vite would serve any file under the project folder (`/server/config.ts?raw`,
 * `/db/seed/demo.ts`, `/package.json`). Only what the browser needs passes: Vite's own paths,
 * packages, the app's client code (never a `.server` module), public files, and the modules under
 * core/, server/ and db/schema/ that the client's module graph holds, as modules and never as source.
 * Everything else is a 404, as in production.
 */
export function developmentFileGuard(vite: ViteDevServer, root: string) {
  const clientGraph = vite.environments.client.moduleGraph;
  return (req: Request, res: Response, next: NextFunction) => {
    const url = new URL(req.originalUrl, "http://dev.invalid");
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      return notFound(res);
    }
    // Vite's own endpoints; /@fs/ is confined by server.fs in vite.config.ts.
    if (/^\/(@vite\/|@id\/|@fs\/|@react-refresh|__vite|__manifest|node_modules\/)/.test(pathname)) return next();
    const file = path.resolve(root, `.${pathname}`);
    const relative = path.relative(root, file);
    if (relative.startsWith("..") || path.isAbsolute(relative)) return notFound(res);
    if (!isFile(file)) return next();
    const parts = relative.split(path.sep);
    if (parts.some((part) => part.startsWith("."))) return notFound(res);
    const asModule = [...url.searchParams.keys()].every((key) => moduleQueries.has(key));
    if (parts[0] === "public") return next();
    if (/\.server\.[jt]sx?$/.test(relative)) return notFound(res);
    // The app's client code (and its stylesheet, fetched as `?url`) is what the browser runs anyway.
    if (parts[0] === "app") return next();
    const servable = (parts[0] === "core" || parts[0] === "server" || (parts[0] === "db" && parts[1] === "schema")) && asModule;
    if (servable && (clientGraph.getModulesByFile(file)?.size ?? 0) > 0) return next();
    return notFound(res);
  };
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function notFound(res: Response) {
  res.status(404).type("text/plain").send("Not found");
}
