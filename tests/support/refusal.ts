import { expect } from "vitest";
import { AppError } from "../../server/errors";

/** What a promise rejects with: any error, such as the ZodError of a malformed command; fails the test if it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => {
      throw new Error("expected a refusal, but it succeeded");
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  return error as Error;
}

/**
 * The AppError a promise rejects with, for asserting its code, status and details; fails the test
 * if the promise resolves or rejects with anything else.
 */
export async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await rejection(promise);
  expect(AppError.is(error), `expected an AppError, got ${String(error)}`).toBe(true);
  return error as AppError;
}
