import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeRedirect } from "../../app/lib/auth.server";

const origins = ["https://nplex.example", "http://localhost:3000", "http://127.0.0.1:3210", "http://[::1]:3000"];

/** Where a browser goes when it follows `Location: target` from a page of `origin`. */
const followed = (target: string, origin: string) => new URL(target, `${origin}/signin?redirectTo=x`);

/** Pieces attackers put together: slashes both ways, controls browsers drop, encoded slashes, hosts, dots. */
const piece = fc.constantFrom(
  "/",
  "\\",
  "\t",
  "\n",
  "\r",
  "\u0000",
  " ",
  "%2F",
  "%5C",
  "%09",
  "%0A",
  "evil.example",
  "@",
  ":",
  "//",
  ".",
  "..",
  "./",
  "?",
  "#",
  "https:",
  "javascript:alert(1)",
  "listings",
  "é",
  "\u3000",
  "\uFF0F",
);
const crafted = fc.array(piece, { maxLength: 12 }).map((pieces) => pieces.join(""));
const anyInput = fc.oneof(crafted, fc.string({ unit: "binary", maxLength: 40 }), fc.webUrl(), fc.webPath());

describe("safeRedirect", () => {
  it("keeps a path of this site, with its query and fragment", () => {
    for (const path of ["/", "/listings/0b9c?tab=bids#log", "/account", "/announcements?q=%E5%8E%82", "/a/b/../c"]) {
      expect(followed(safeRedirect(path), "https://nplex.example").href).toBe(new URL(path, "https://nplex.example").href);
    }
    expect(safeRedirect("/listings?q=a b")).toBe("/listings?q=a%20b");
  });

  it.each([
    ["a tab between two slashes (browsers drop it)", "/\t/evil.example"],
    ["a newline between two slashes", "/\n/evil.example"],
    ["a carriage return", "/\r/evil.example"],
    ["a protocol-relative URL", "//evil.example"],
    ["a backslash after the slash", "/\\evil.example"],
    ["a path that normalises to two slashes", "/.//evil.example"],
    ["a parent step that normalises to two slashes", "/a/..//evil.example"],
    ["an absolute URL", "https://evil.example/"],
    ["a javascript: URL", "javascript:alert(1)"],
    ["a relative path", "evil.example"],
    ["nothing", ""],
  ])("refuses %s, answering the fallback", (_what, target) => {
    expect(safeRedirect(target)).toBe("/");
    expect(safeRedirect(target, "/account")).toBe("/account");
  });

  it("refuses anything that is not a string", () => {
    for (const value of [null, undefined, 42, new File(["/x"], "x")]) expect(safeRedirect(value as never)).toBe("/");
  });

  it("answers something a header can carry: no control character survives", () => {
    expect(() => new Headers({ Location: safeRedirect("/listings\n/x") })).not.toThrow();
    expect(safeRedirect("/listings\u0000")).toBe("/");
  });

  it("whatever the input, the answer starts with one slash and, followed from any origin, stays on it", () => {
    fc.assert(
      fc.property(anyInput, fc.constantFrom(...origins), (input, origin) => {
        const target = safeRedirect(input);
        expect(target).toMatch(/^\/(?![/\\])/);
        // eslint-disable-next-line no-control-regex -- the point: no control character may reach a Location header
        expect(target).not.toMatch(/[\u0000-\u001f\u007f]/);
        expect(() => new Headers({ Location: target })).not.toThrow();
        expect(followed(target, origin).origin).toBe(origin);
      }),
      { numRuns: 3000 },
    );
  });
});
