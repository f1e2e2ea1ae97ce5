import type { Messages } from "../messages";

/** English messages for payments: deposits, how to pay them, what became of them. */
const paymentsEn = {
  payments: {
    status: {
      required: "Awaiting payment",
      pending: "Awaiting payment",
      held: "Held in escrow",
      applied: "Counted towards the price",
      released: "Released",
      forfeited: "Forfeited",
      failed: "Payment failed",
      expired: "Not paid",
    },
    none: "No deposit asked",
    partly: "{{received}} of {{expected}} received",
    payHeading: "Deposits to pay",
    payIntro:
      "Transfer each deposit from your organisation's own account to the platform's escrow account, quoting the reference exactly: it is how the platform knows whose money it is. Your registration is approved once all of it has arrived; losers' deposits go back within 24 hours of the close.",
    payFor: "For “{{title}}”",
    amount: "Amount",
    bank: "Bank",
    accountName: "Account name",
    accountNumber: "Account number",
    reference: "Reference to quote",
    referenceHint: "Write it in the transfer's remittance or purpose field. Without it the money cannot be matched.",
  },
};

export default paymentsEn;
export type PaymentsMessages = Messages<typeof paymentsEn>;
