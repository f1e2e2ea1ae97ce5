import { describe, expect, it } from "vitest";
import { serializeError, serializeRequest } from "../../server/logger";

describe("what a log line says about an error", () => {
  it("keeps a postgres.js error's class, SQLSTATE, constraint and frames, and drops its detail, statement values and parameters", () => {
    // postgres.js: the fields PostgreSQL reports, with the statement and its parameters attached.
    const error = Object.assign(new Error('duplicate key value violates unique constraint "users_email_key"'), {
      name: "PostgresError",
      severity: "ERROR",
      code: "23505",
      detail: "Key (lower(email))=(zhang.sanfeng@example.com) already exists.",
      constraint_name: "users_email_key",
      table_name: "users",
      routine: "_bt_check_unique",
    });
    Object.defineProperties(error, {
      query: { value: "insert into users (email, display_name) values ($1, $2)" },
      parameters: { value: ["zhang.sanfeng@example.com", "Zhang Sanfeng"] },
    });
    const logged = serializeError(error);
    expect(logged).toMatchObject({ code: "23505", constraint: "users_email_key", table: "users", routine: "_bt_check_unique" });
    expect(logged.stack).toMatch(/^\s+at /);
    expect(JSON.stringify(logged)).not.toMatch(/zhang\.sanfeng|Zhang Sanfeng/);
  });

  it("keeps a failed query's statement but not its parameters, nor what the database quotes back", () => {
    const cause = Object.assign(new Error('value "2147483648" is out of range for type integer'), { code: "22003" });
    const error = Object.assign(new Error("Failed query: select * from bids where seq > $1\nparams: 2147483648,Li Sifang"), {
      query: "select * from bids where seq > $1",
      params: [2147483648, "Li Sifang"],
      cause,
    });
    const logged = serializeError(error);
    expect(logged.message).toBe("Failed query: select * from bids where seq > $1");
    expect(logged.cause).toMatchObject({ code: "22003", message: 'value "[redacted]" is out of range for type integer' });
    expect(JSON.stringify(logged)).not.toMatch(/Li Sifang|2147483648/);
  });

  it("keeps the message of an error that is not the database's", () => {
    expect(serializeError(new TypeError("Cannot read properties of null (reading 'status')"))).toMatchObject({
      type: "TypeError",
      message: "Cannot read properties of null (reading 'status')",
    });
    expect(serializeError("Zhang Sanfeng")).toEqual({ type: "string" });
  });

  it("logs a request's path and the names of its query's keys, never their values", () => {
    expect(serializeRequest({ method: "GET", url: "/announcements?q=Zhang%20Sanfeng&page=2&q=x" })).toEqual({
      method: "GET",
      path: "/announcements",
      queryKeys: ["q", "page"],
    });
    expect(serializeRequest({ method: "POST", url: "/signin" })).toEqual({ method: "POST", path: "/signin" });
  });
});
