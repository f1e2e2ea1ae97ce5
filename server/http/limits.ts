import { Transform, type Readable } from "node:stream";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import { AppError } from "../errors";
import { attachmentRules } from "../../core/contract/objections";
import { tapeRules } from "../../core/contract/tapes";
import { documentRules } from "../../core/contract/documents";
import { asyncHandler } from "./async-handler";

const KiB = 1024;

/** The most a request body may hold, by what it carries. */
export const bodyLimits = {
  /** An API call's JSON: the longest listing terms (12,000 characters) fit even written as \u escapes. */
  json: 128 * KiB,
  /** A page's form: its longest texts fit even URL-encoded (9 bytes a Chinese character). */
  form: 256 * KiB,
  /** A form with files: every attachment at its largest, and the form's fields. */
  upload: attachmentRules.maxFiles * attachmentRules.maxBytes + 256 * KiB,
  /** A loan tape at its largest, and its mapping. */
  tape: tapeRules.maxBytes + 256 * KiB,
  /** A data room's document at its largest, and its title and tier. */
  document: documentRules.maxBytes + 256 * KiB,
};

/**
 * Where multipart bodies with files are taken: pages (`.data` is the same action reached by Remix's
 * client) and API calls. Their bodies reach the route as a stream, limited in total here; the
 * route enforces the count and the size of each file as the parts arrive (app/lib/uploads.server.ts).
 */
const uploadRoutes: { path: RegExp; limit: number }[] = [
  { path: /^\/listings\/[^/]+\/objection(\.data)?$/, limit: bodyLimits.upload },
  { path: /^\/(api\/v1\/tapes|seller\/tapes\/new(\.data)?)$/, limit: bodyLimits.tape },
  {
    path: /^\/(api\/v1\/(assets|packages|listings)\/[^/]+\/documents|seller\/rooms\/(asset|package|listing)\/[^/]+(\.data)?)$/,
    limit: bodyLimits.document,
  },
];

/** What the request carries once checked: nothing, the whole body read, or an upload's stream. */
export type CheckedBody =
  { kind: "none" } | { kind: "read"; data: Uint8Array<ArrayBuffer>; contentType?: string } | { kind: "stream"; stream: Readable };

/**
 * Everything a request may carry, checked before any route sees it: no NUL character in the
 * URL, a query or any text field (PostgreSQL stores no U+0000 in text, and a query would fail on
 * it), no legacy `?_data=` call (this app loads data with single fetch), a body within its limit
 * (refused by Content-Length before reading, or as soon as it passes the limit), and a page's form
 * that can be read as one. Throws an AppError with a 4xx status.
 */
export async function checkRequest(req: Request): Promise<CheckedBody> {
  const url = new URL(req.originalUrl, "http://request.invalid");
  if (/%00|\0/i.test(url.pathname)) throw nulIn("the address");
  for (const [key, value] of url.searchParams) if (hasNul(key) || hasNul(value)) throw nulIn(`the query parameter ${key}`);
  if (url.searchParams.has("_data")) {
    throw new AppError("BAD_REQUEST", "The ?_data= parameter is not supported: this site loads a page's data at <path>.data.");
  }
  if (req.method === "GET" || req.method === "HEAD") return { kind: "none" };

  const api = url.pathname.startsWith("/api/");
  if (!api) checkActionOrigin(req);
  const type = mediaType(req);
  const upload = type === "multipart/form-data" ? uploadRoutes.find((route) => route.path.test(url.pathname)) : undefined;
  const limit = upload ? upload.limit : api ? bodyLimits.json : bodyLimits.form;
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  if (upload) return { kind: "stream", stream: req.pipe(byteLimit(limit)) };

  const data = await readBody(req, limit);
  if (api) {
    checkJson(data);
    return { kind: "read", data };
  }
  // A form with nothing in it (a bare POST) is an empty form, for the route to refuse as such.
  if (data.length === 0 && !type) return { kind: "read", data, contentType: "application/x-www-form-urlencoded" };
  if (type === "application/x-www-form-urlencoded") {
    checkFields(new URLSearchParams(new TextDecoder().decode(data)));
  } else if (type === "multipart/form-data") {
    let form: FormData;
    try {
      form = await new Response(data, { headers: { "Content-Type": String(req.headers["content-type"]) } }).formData();
    } catch {
      throw new AppError("BAD_REQUEST", "The form could not be read: its multipart body is malformed.");
    }
    checkFields(form);
  } else {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send a form as application/x-www-form-urlencoded or multipart/form-data.");
  }
  return { kind: "read", data };
}

/**
 * The most of a refused or unfinished body that is read and discarded after the answer. A client
 * still sending hears the answer only if the server goes on reading: closing a socket with unread
 * data resets it, and the reset can reach the client before the answer it was sent after (a
 * browser cut off mid-upload shows a reset, not the refusal). Past this, the connection is cut.
 */
const DRAIN_LIMIT = 64 * 1024 * 1024;

/**
 * checkRequest in front of the app: a refusal is answered in the API's error shape and goes no
 * further; what passes carries its checked body in `res.locals.checkedBody` (server/http/remix-handler.ts).
 */
export function checkedBodies(): RequestHandler {
  return asyncHandler(async (req: Request, res: Response, next: NextFunction) => {
    // Whatever was left unread (a refused body, an upload stopped midway) is drained up to a
    // bound, so the client hears the answer and the connection stays usable.
    res.once("finish", () => {
      if (req.complete) return;
      req.unpipe();
      let drained = 0;
      req.on("data", (chunk: Buffer) => {
        drained += chunk.length;
        if (drained > DRAIN_LIMIT) req.socket.destroy();
      });
      req.resume();
    });
    try {
      res.locals.checkedBody = await checkRequest(req);
    } catch (error) {
      if (!AppError.is(error)) return next(error);
      // A body declared longer than is ever drained ends with the connection.
      const declared = Number(req.headers["content-length"]);
      if (!req.complete && Number.isSafeInteger(declared) && declared > DRAIN_LIMIT) res.setHeader("Connection", "close");
      res.status(error.status).setHeader("Cache-Control", "no-store").json(error.toJSON());
      return;
    }
    next();
  });
}

function mediaType(req: Request): string {
  return (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
}

/**
 * Remix refuses a page's action whose Origin names another host than the request's, by throwing
 * (a 500). The same check, answered as what it is.
 */
function checkActionOrigin(req: Request) {
  const origin = req.headers.origin;
  if (!origin || origin === "null") return;
  let host: string | undefined;
  try {
    host = new URL(origin).host;
  } catch {
    host = undefined;
  }
  if (!host || host !== req.headers.host) {
    throw new AppError("CSRF_REJECTED", "This form was sent from another site and was refused.");
  }
}

function readBody(req: Request, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(new Uint8Array(Buffer.concat(chunks)));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(new AppError("BAD_REQUEST", "The request's body could not be read.", { reason: error.name }));
    };
    const cleanup = () => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
    };
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
  });
}

/** Passes an upload through, failing it as soon as more than `limit` bytes have come. */
function byteLimit(limit: number): Transform {
  let size = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      if (size > limit) callback(tooLarge(limit));
      else callback(null, chunk);
    },
  });
}

/** A JSON body's text, wherever it sits (keys too); a body that is not JSON is the route's to refuse. */
function checkJson(data: Uint8Array) {
  const text = new TextDecoder().decode(data);
  if (!text.includes("\\u0000") && !hasNul(text)) return;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return;
  }
  // Iterative: a body of nested arrays a few thousand deep must not overflow the stack.
  const stack: [unknown, string][] = [[value, ""]];
  while (stack.length) {
    const [item, path] = stack.pop()!;
    if (typeof item === "string" && hasNul(item)) throw nulIn(path ? `the field ${path}` : "the body");
    if (typeof item === "object" && item !== null) {
      for (const [key, child] of Object.entries(item)) {
        const childPath = path ? `${path}.${key}` : key;
        if (hasNul(key)) throw nulIn(`the name of the field ${childPath}`);
        stack.push([child, childPath]);
      }
    }
  }
}

function checkFields(fields: Iterable<[string, FormDataEntryValue | string]>) {
  for (const [key, value] of fields) {
    if (hasNul(key)) throw nulIn("the name of a field");
    if (typeof value === "string" && hasNul(value)) throw nulIn(`the field ${key}`);
  }
}

const hasNul = (text: string) => text.includes("\0");

function nulIn(where: string) {
  return new AppError("BAD_REQUEST", `Text may not contain the NUL character (U+0000); it was found in ${where}.`, {
    rule: "nul",
    where,
  });
}

function tooLarge(limit: number) {
  return new AppError("PAYLOAD_TOO_LARGE", `The request is too large: at most ${Math.floor(limit / KiB)} KiB here.`, {
    limitBytes: limit,
  });
}

/** An API call's body as JSON; one that is not JSON is the caller's mistake (400). An empty body is `{}` where `emptyIsObject`. */
export function parseJsonBody(text: string, { emptyIsObject = false } = {}): unknown {
  if (emptyIsObject && !text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("BAD_REQUEST", "The body must be JSON.");
  }
}
