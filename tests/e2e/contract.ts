import type { APIResponse } from "@playwright/test";
import type { z } from "zod";
import { errorSchema } from "../../core/contract/errors";
import { mismatches } from "../support/contract";
import { expect } from "./fixtures";

/**
 * An API answer with the status expected, its JSON checked against the contract's schema
 * (core/contract); the test fails, naming each mismatch, otherwise. The body is answered as it
 * came, typed as the wire form.
 */
export async function answer<S extends z.ZodType>(response: APIResponse, schema: S, status = 200): Promise<z.input<S>> {
  const { pathname, search } = new URL(response.url());
  const where = `${pathname}${search}`;
  expect(response.status(), where).toBe(status);
  const body: unknown = await response.json();
  expect(mismatches(schema, body), `${where} answers as its schema says`).toEqual([]);
  return body as z.input<S>;
}

/** A refusal with the status expected, in the error shape every API refusal has. */
export const refusal = async (response: APIResponse, status: number) => (await answer(response, errorSchema, status)).error;
