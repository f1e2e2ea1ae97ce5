import { describe, expect, it } from "vitest";
import { tenderCommitment } from "../../server/sale-modes/tender/rules";
import { readReceipt, receiptCommitment } from "../../app/components/tender-receipt";

const receipt = {
  listingId: "7b0c1f2e-4d5a-4b6c-8d9e-0f1a2b3c4d5e",
  bidderCode: "1234",
  amount: "360000050",
  salt: "3f9c0a1e5b7d4c2a9e8f7a6b5c4d3e2f",
};

describe("checking a tender receipt in the browser", () => {
  it("computes the same commitment as the server", async () => {
    const server = tenderCommitment({ ...receipt, amount: BigInt(receipt.amount) });
    expect(await receiptCommitment(receipt)).toBe(server);
  });

  it("gives another commitment once any field changes", async () => {
    const original = await receiptCommitment(receipt);
    for (const change of [{ amount: "360000051" }, { bidderCode: "1235" }, { salt: "00" }, { listingId: "other" }]) {
      expect(await receiptCommitment({ ...receipt, ...change })).not.toBe(original);
    }
  });

  it("reads a pasted receipt, defaulting the listing to the page's", () => {
    const { listingId, ...rest } = receipt;
    expect(readReceipt(JSON.stringify({ ...receipt, commitment: "x", submittedAt: "2026-01-01T00:00:00Z" }), "page")).toEqual(
      receipt,
    );
    expect(readReceipt(JSON.stringify(rest), listingId)).toEqual(receipt);
  });

  it("refuses text that is not a receipt", () => {
    expect(readReceipt("not json", "page")).toBeNull();
    expect(readReceipt("[]", "page")).toBeNull();
    expect(readReceipt(JSON.stringify({ ...receipt, amount: "3,600,000.50" }), "page")).toBeNull();
    expect(readReceipt(JSON.stringify({ ...receipt, salt: "" }), "page")).toBeNull();
  });
});
