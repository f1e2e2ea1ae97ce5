import { randomUUID } from "node:crypto";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express, { type NextFunction, type Request, type Response } from "express";
import { pinoHttp } from "pino-http";
import type { ViteDevServer } from "vite";
import type { NplexContext } from "../context";
import { anonymous, type Principal } from "../../core/identity/access";
import { logSerializers } from "../logger";
import type { Services } from "../services";
import { projectPath } from "../paths";
import { developmentFileGuard } from "./development-files";
import { sameOriginGuard } from "./guards";
import { createRequestHandler } from "./remix-handler";
import { applyEdgeSecurity, type SiteOrigins } from "./security";
import { createSessionCookie, sessionTokenReader } from "./session-cookie";
import { asyncHandler } from "./async-handler";
import { bidApi } from "./bid-api";

export interface HttpAppOptions {
  services: Services;
  sessionSecret: string;
  /** Remix's production mode (the built bundle): no development error details reach a client. */
  production: boolean;
  /** Where the site is reached (PUBLIC_URL): forms are accepted from these origins only. */
  origins: SiteOrigins;
  /** Express's `trust proxy` (TRUST_PROXY): whose X-Forwarded-For and -Proto to believe. */
  trustProxy: false | number | string[];
  /** HTTPS in production: cookies only over HTTPS, and HSTS. */
  secure: boolean;
  /** Dev: Vite in middleware mode builds the app on demand. Production: the built bundle. */
  vite?: ViteDevServer;
  /** Tests only: the clock `POST /__test/clock` moves forward. Absent in production. */
  testClock?: { advance(ms: number): Date };
}

interface Locals {
  principal: Principal;
  sessionToken: string | null;
  cspNonce: string;
}

export function createHttpApp(options: HttpAppOptions) {
  const { services, sessionSecret, production, origins, trustProxy, secure, vite, testClock } = options;
  const app = express();
  const sessionCookie = createSessionCookie(sessionSecret, secure);
  const sessionTokenOf = sessionTokenReader(sessionCookie);
  app.disable("x-powered-by");
  app.use(
    pinoHttp({
      logger: services.logger,
      quietReqLogger: true,
      genReqId: (req, res) => {
        const incoming = req.headers["x-request-id"];
        const id = typeof incoming === "string" && /^[\w-]{8,64}$/.test(incoming) ? incoming : randomUUID();
        res.setHeader("x-request-id", id);
        return id;
      },
      customAttributeKeys: { reqId: "requestId" },
      autoLogging: { ignore: (req) => /^\/(assets|@|node_modules|app\/|favicon)/.test(req.url ?? "") },
      // Error codes, ids and paths only: no query values, bound parameters or bodies (server/logger.ts).
      serializers: logSerializers,
    }),
  );
  app.use(compression());
  applyEdgeSecurity(app, { origins, trustProxy, hsts: secure });

  if (vite) {
    app.use(developmentFileGuard(vite, projectPath()));
    app.use(vite.middlewares);
  } else {
    // Hashed file names never change content: cache them for a year.
    app.use("/assets", express.static(projectPath("build", "client", "assets"), { immutable: true, maxAge: "1y" }));
    app.use(express.static(projectPath("build", "client"), { maxAge: "1h" }));
  }
  app.use(express.static(projectPath("public"), { maxAge: "1h" }));

  if (testClock) {
    app.post("/__test/clock", express.json(), (req, res) => {
      const advanceMs = Number((req.body as { advanceMs?: unknown } | undefined)?.advanceMs);
      if (!Number.isSafeInteger(advanceMs) || advanceMs < 0) {
        res.status(400).json({ error: { code: "BAD_REQUEST", message: "advanceMs must be a whole number", details: {} } });
        return;
      }
      res.json({ now: testClock.advance(advanceMs).toISOString() });
    });
  }

  app.use(sameOriginGuard(origins.accepted));
  app.use(
    asyncHandler(async (req: Request, res: Response<unknown, Locals>, next: NextFunction) => {
      try {
        res.locals.principal = anonymous;
        res.locals.sessionToken = null;
        const bearer = req.headers.authorization?.match(/^Bearer\s+(\S+)$/)?.[1];
        if (bearer) {
          res.locals.principal = (await services.identity.principalFromApiToken(bearer)) ?? anonymous;
        } else {
          const token = await sessionTokenOf(req.headers.cookie);
          const principal = token ? await services.identity.principalFromSession(token) : null;
          if (principal) {
            res.locals.principal = principal;
            res.locals.sessionToken = token;
          }
        }
        next();
      } catch (error) {
        next(error);
      }
    }),
  );

  app.use(bidApi(services));

  const getLoadContext = (req: Request, res: Response) =>
    ({
      services,
      principal: (res.locals as Locals).principal,
      sessionToken: (res.locals as Locals).sessionToken,
      requestId: req.id as string,
      clientIp: req.ip ?? "unknown",
      logger: req.log,
      sessionCookie,
      production,
      cspNonce: (res.locals as Locals).cspNonce,
      publicOrigin: origins.canonical,
    }) satisfies NplexContext;
  const mode = production ? "production" : "development";

  if (vite) {
    // Development: the app as Vite builds it now, read again on each request.
    const build = () => vite.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>;
    app.all("*", createRequestHandler({ build, mode, getLoadContext }));
  } else {
    // The built app, loaded once: Remix matches its routes from what it derives from a build object
    // once, where a build function has it derive them again on every request (measured: a tenth of
    // the server's time under load).
    let handler: Promise<ReturnType<typeof createRequestHandler>> | undefined;
    const load = () =>
      (import(/* @vite-ignore */ projectPath("build", "server", "index.js")) as Promise<ServerBuild>).then((build) =>
        createRequestHandler({ build, mode, getLoadContext }),
      );
    app.all("*", (req, res, next) => {
      handler ??= load().catch((error: unknown) => {
        handler = undefined;
        throw error;
      });
      handler.then((handle) => handle(req, res, next), next);
    });
  }

  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    req.log.error({ err: error }, "unhandled error");
    if (res.headersSent) return;
    res.status(500).json({ error: { code: "INTERNAL", message: "Something went wrong on our side.", details: {} } });
  });

  return app;
}
