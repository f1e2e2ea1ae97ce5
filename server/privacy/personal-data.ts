import { eq, isNull, notLike, or, type Column } from "drizzle-orm";
import type { Db } from "../../db/client";
import { assetParties, registrations } from "../../db/schema";
import { maskIdNumber, maskName } from "./masking";
import type { Vault } from "./vault";

/**
 * Borrowers' and guarantors' names and ID numbers as the database keeps them: sealed, with the
 * masked forms that public pages show (so that a public read never opens anything) and the
 * digest that screening matches on.
 */
export function sealParty(vault: Vault, party: { name: string; idNumber: string }) {
  return {
    nameSealed: vault.seal(party.name, "party.name"),
    idNumberSealed: vault.seal(party.idNumber, "party.id_number"),
    nameMasked: maskName(party.name),
    idNumberMasked: maskIdNumber(party.idNumber),
    idNumberDigest: vault.idDigest(party.idNumber),
  };
}

/** The full name and number: only for someone entitled, and the caller audits the reveal. */
export function openParty(vault: Vault, row: { nameSealed: string; idNumberSealed: string }) {
  return { name: vault.open(row.nameSealed, "party.name"), idNumber: vault.open(row.idNumberSealed, "party.id_number") };
}

/** An applicant's legal name and document number on a registration: sealed like a party's. */
export function sealApplicant(vault: Vault, applicant: { name: string; idNumber: string }) {
  return {
    applicantNameSealed: vault.seal(applicant.name, "applicant.name"),
    applicantIdNumberSealed: vault.seal(applicant.idNumber, "applicant.id_number"),
  };
}

export function openApplicant(vault: Vault, row: { applicantNameSealed: string | null; applicantIdNumberSealed: string | null }) {
  return {
    name: row.applicantNameSealed === null ? null : vault.open(row.applicantNameSealed, "applicant.name"),
    idNumber: row.applicantIdNumberSealed === null ? null : vault.open(row.applicantIdNumberSealed, "applicant.id_number"),
  };
}

/** A value still in clear: sealed values start with the vault's format tag. */
const clear = (column: Column) => notLike(column, "pd1.%");

/**
 * Rows written before personal data was sealed, sealed in place at start (once: a sealed row no
 * longer matches). Returns how many rows it sealed.
 */
export async function sealClearPersonalData(db: Db, vault: Vault): Promise<number> {
  return db.transaction(async (tx) => {
    let sealed = 0;
    const parties = await tx
      .select({ id: assetParties.id, name: assetParties.nameSealed, idNumber: assetParties.idNumberSealed })
      .from(assetParties)
      .where(or(clear(assetParties.nameSealed), clear(assetParties.idNumberSealed), isNull(assetParties.nameMasked)));
    for (const party of parties) {
      const name = vault.isSealed(party.name) ? vault.open(party.name, "party.name") : party.name;
      const idNumber = vault.isSealed(party.idNumber) ? vault.open(party.idNumber, "party.id_number") : party.idNumber;
      await tx.update(assetParties).set(sealParty(vault, { name, idNumber })).where(eq(assetParties.id, party.id));
      sealed += 1;
    }
    const applicants = await tx
      .select({ id: registrations.id, name: registrations.applicantNameSealed, idNumber: registrations.applicantIdNumberSealed })
      .from(registrations)
      .where(or(clear(registrations.applicantNameSealed), clear(registrations.applicantIdNumberSealed)));
    for (const row of applicants) {
      await tx
        .update(registrations)
        .set({
          applicantNameSealed: row.name === null || vault.isSealed(row.name) ? row.name : vault.seal(row.name, "applicant.name"),
          applicantIdNumberSealed:
            row.idNumber === null || vault.isSealed(row.idNumber) ? row.idNumber : vault.seal(row.idNumber, "applicant.id_number"),
        })
        .where(eq(registrations.id, row.id));
      sealed += 1;
    }
    return sealed;
  });
}
