import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const routesDir = path.resolve(import.meta.dirname, "../../app/routes");

export interface RouteFile {
  /** The file under app/routes, e.g. `api.v1.listings.$id.bids.ts`. */
  file: string;
  /** Remix's route id, e.g. `routes/api.v1.listings.$id.bids`. */
  id: string;
  /** The URL path with `:name` parameters and `*` for a splat, e.g. `/api/v1/listings/:id/bids`. */
  path: string;
  api: boolean;
  hasLoader: boolean;
  hasAction: boolean;
}

/**
 * Every route of the app, read from the route files themselves (Remix's flat-routes naming), so a
 * test over "every route" covers the next one without being edited.
 */
export function routeFiles(): RouteFile[] {
  return readdirSync(routesDir)
    .filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file) && !file.startsWith("."))
    .sort()
    .map((file) => {
      const source = readFileSync(path.join(routesDir, file), "utf8");
      const name = file.replace(/\.tsx?$/, "");
      return {
        file,
        id: `routes/${name}`,
        path: urlPathOf(name),
        api: name.startsWith("api."),
        hasLoader: /export (async )?(function|const) loader\b/.test(source),
        hasAction: /export (async )?(function|const) action\b/.test(source),
      };
    });
}

/** `listings.$id_.objection` -> `/listings/:id/objection`; `api.v1.openapi[.]json` -> `/api/v1/openapi.json`. */
export function urlPathOf(name: string): string {
  const segments: string[] = [];
  let current = "";
  let escaped = false;
  for (const char of name) {
    if (char === "[") escaped = true;
    else if (char === "]") escaped = false;
    else if (char === "." && !escaped) {
      segments.push(current);
      current = "";
    } else current += char;
  }
  segments.push(current);
  const parts = segments
    // `_index` is the parent's own page; a leading `_` is a layout without a path segment.
    .filter((segment) => segment !== "_index" && !segment.startsWith("_"))
    // A trailing `_` only opts out of the parent's layout.
    .map((segment) => segment.replace(/_$/, ""))
    .map((segment) => (segment === "$" ? "*" : segment.startsWith("$") ? `:${segment.slice(1)}` : segment));
  return `/${parts.join("/")}`;
}

/** The OpenAPI form of a path: `/api/v1/listings/:id` -> `/api/v1/listings/{id}`. */
export const openApiPath = (urlPath: string) => urlPath.replace(/:(\w+)/g, "{$1}");

/** A concrete URL for a route: each parameter from `values` (by name), a splat as `rest`. */
export function fillPath(urlPath: string, values: Record<string, string>, rest = "nothing-here"): string {
  return urlPath.replace(/:(\w+)/g, (_, name: string) => values[name] ?? values.id ?? "x").replace("*", rest);
}
