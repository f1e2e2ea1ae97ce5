import { z } from "zod";
import { positiveAmount } from "../money";

/** What the payments API and pages accept (server/payments/): money recorded, statements, refunds. */

const emptyAsUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

/** A bank's own reference for a transfer, as its statement or advice prints it. */
const bankReference = z
  .string()
  .trim()
  .min(2, { message: "Enter the bank's reference of the transfer" })
  .max(100, { message: "Enter the bank's reference of the transfer (at most 100 characters)" });

/** A day as the bank booked it: YYYY-MM-DD, a real date. */
export const bookingDay = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: "Enter the day as YYYY-MM-DD" })
  .refine((day) => !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) && new Date(`${day}T00:00:00Z`).toISOString().startsWith(day), {
    message: "Enter a real day",
  });

/** An operator's record of a transfer received for a deposit: by default what is outstanding. */
export const recordTransferSchema = z.object({
  amount: z.preprocess(emptyAsUndefined, positiveAmount("amount received").optional()),
  currency: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .trim()
      .regex(/^[A-Z]{3}$/, { message: "Enter a currency code such as CNY" })
      .optional(),
  ),
  bankReference: z.preprocess(emptyAsUndefined, bankReference.optional()),
  bookedOn: z.preprocess(emptyAsUndefined, bookingDay.optional()),
});

/** The operator records that money owed back has been sent, with the bank's reference of it. */
export const refundSentSchema = z.object({ bankReference });

/** The operator's answer to a flagged statement line: credit it to the deposit it belongs to, or record that it was sent back. */
export const resolveLineSchema = z.discriminatedUnion("action", [
  z.object({
    action: z.literal("credit"),
    reference: z.string().trim().min(8, { message: "Enter the payment reference the money belongs to" }).max(40),
  }),
  z.object({ action: z.literal("return"), bankReference }),
]);
