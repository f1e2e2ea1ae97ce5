import type { AppError } from "../../server/errors";

/** The error a promise is rejected with, for asserting its code and message; fails if it resolves. */
export async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    return error as AppError;
  }
  throw new Error("expected a refusal, but it succeeded");
}
