import { z } from "zod";
import { agreementParties, listingStatuses } from "../enums";

/** Signing the transfer agreement: the signer's name as typed, and the digest of the text it read. */
export const signAgreementSchema = z.object({
  /** The signer's full name, as typed: it is printed beside the signature. */
  name: z.string().trim().min(2, "Type your full name to sign.").max(200),
  /** The digest of the text the signer read: a text changed since is not what it signs. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/, "The agreement's digest is 64 hexadecimal characters."),
});

/** The agreement as a party or an operator reads it. `ip` is the operator's alone. */
export const agreementViewSchema = z.object({
  listingId: z.uuid(),
  listingStatus: z.enum(listingStatuses),
  version: z.number().int(),
  text: z.string(),
  sha256: z.string(),
  issuedAt: z.iso.datetime(),
  dueAt: z.iso.datetime(),
  party: z.enum(agreementParties).nullable(),
  canSign: z.boolean(),
  signatures: z.array(
    z.object({ party: z.enum(agreementParties), name: z.string(), signedAt: z.iso.datetime(), ip: z.string().optional() }),
  ),
});

export const agreementSignedSchema = z.object({
  party: z.enum(agreementParties),
  signedAt: z.iso.datetime(),
  complete: z.boolean(),
  status: z.enum(listingStatuses),
});

/** An item the seller adds to the hand-over checklist. */
export const addHandoverItemSchema = z.object({
  label: z.string().trim().min(2, "Say what you will deliver.").max(300),
});
