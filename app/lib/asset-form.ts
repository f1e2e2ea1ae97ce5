import type { SellerAsset } from "../../core/contract/assets";
import type { AssetKind } from "../../core/enums";
import { currencyDigits, minorToMajorInput, parseMajorAmount } from "../../core/money";

/**
 * The asset form's values: flat, named by the contract's paths ("claim.principal",
 * "parties.0.name", "claim.collateral.1.area"), amounts in major units as people type them. The
 * page turns them into the request the assets service validates, and an asset back into them.
 */
export interface AssetFormValues {
  kind: AssetKind;
  fields: Record<string, string>;
  /** Parties the asset already names, kept on a change by id; shown masked. */
  keepParties: string[];
}

/** Fields typed in major units (yuan), stored in minor units. */
export const amountFields = [
  "appraisedValue",
  "claim.principal",
  "claim.accruedInterest",
  "claim.penaltyInterest",
  "claim.fees",
  "equity.registeredCapital",
] as const;
const collateralAmount = /^claim\.collateral\.\d+\.appraisedValue$/;
/** Amounts that may be zero: what is owed on top of the principal. */
const mayBeZero = new Set(["claim.accruedInterest", "claim.penaltyInterest", "claim.fees"]);

export const isAmountField = (name: string) => (amountFields as readonly string[]).includes(name) || collateralAmount.test(name);

/** The kind's own section of the form, as the contract names it. */
export const detailsKey = { real_estate: "realEstate", movable: "movable", equity: "equity", foreclosed: "foreclosed" } as const;

export function formValuesFromForm(form: FormData): AssetFormValues {
  const fields: Record<string, string> = {};
  for (const [name, value] of form.entries()) {
    if (typeof value === "string" && name !== "keepParties" && name !== "intent") fields[name] = value;
  }
  const kind = (fields.kind ?? "claim") as AssetKind;
  return { kind, fields, keepParties: form.getAll("keepParties").filter((v): v is string => typeof v === "string") };
}

/** How many rows of a repeated group (`parties`, `claim.collateral`) the values hold. */
export function rowCount(fields: Record<string, string>, group: string): number {
  const pattern = new RegExp(`^${group.replace(".", "\\.")}\\.(\\d+)\\.`);
  let count = 0;
  for (const name of Object.keys(fields)) {
    const match = pattern.exec(name);
    if (match) count = Math.max(count, Number(match[1]) + 1);
  }
  return count;
}

/** A row is left out when every one of its fields is blank (the empty row a form offers). */
function rows(fields: Record<string, string>, group: string, names: readonly string[], blankUnless: readonly string[]) {
  const out: Record<string, string>[] = [];
  for (let i = 0; i < rowCount(fields, group); i += 1) {
    const row = Object.fromEntries(names.map((n) => [n, (fields[`${group}.${i}.${n}`] ?? "").trim()]));
    if (blankUnless.some((n) => row[n])) out.push(row);
  }
  return out;
}

const partyFields = ["role", "kind", "name", "idType", "idNumber"] as const;
const collateralFields = ["type", "location", "area", "appraisedValue", "appraisedOn", "lienRank", "certificateNumber"] as const;

/**
 * The request for the assets service, and the amount fields that are not amounts (the page says
 * so in the person's terms; the service's own message speaks of minor units). An unreadable amount
 * is sent as it was typed, so that the service refuses it with the form's other problems.
 */
export function requestFromValues(values: AssetFormValues): { request: Record<string, unknown>; badAmounts: string[] } {
  const { fields } = values;
  const digits = currencyDigits(fields.currency?.trim() || "CNY");
  const badAmounts: string[] = [];
  const text = (name: string) => {
    const value = (fields[name] ?? "").trim();
    if (!value) return undefined;
    if (!isAmountField(name)) return value;
    const minor = parseMajorAmount(value, digits, { zero: mayBeZero.has(name) });
    if (minor === null) badAmounts.push(name);
    return minor ?? value;
  };
  const section = (prefix: string) => {
    const out: Record<string, unknown> = {};
    for (const name of Object.keys(fields)) {
      const rest = name.slice(prefix.length + 1);
      if (name.startsWith(`${prefix}.`) && !rest.includes(".")) out[rest] = text(name);
    }
    return out;
  };
  const request: Record<string, unknown> = {
    kind: values.kind,
    title: text("title") ?? "",
    description: text("description") ?? "",
    region: text("region") ?? "",
    currency: text("currency") ?? "CNY",
    appraisedValue: text("appraisedValue") ?? null,
    keepParties: values.keepParties,
    parties: rows(fields, "parties", partyFields, ["name", "idNumber"]).map((p) => ({ ...p, idType: p.idType || undefined })),
  };
  if (values.kind === "claim") {
    const collateral = rows(fields, "claim.collateral", collateralFields, [
      "location",
      "area",
      "appraisedValue",
      "certificateNumber",
    ]);
    request.claim = {
      ...section("claim"),
      collateral: collateral.map((c, i) => {
        const amount = c.appraisedValue ? text(`claim.collateral.${i}.appraisedValue`) : null;
        return {
          ...c,
          area: c.area || null,
          appraisedValue: amount,
          appraisedOn: c.appraisedOn || null,
          lienRank: c.lienRank || null,
        };
      }),
    };
  } else {
    const details = section(detailsKey[values.kind]);
    if (values.kind === "equity") {
      const percent = (fields["equity.stakePercent"] ?? "").trim();
      const bp = /^\d{1,3}(\.\d{1,2})?$/.test(percent) ? Math.round(Number(percent) * 100) : percent ? Number.NaN : undefined;
      details.stakeBasisPoints = bp;
      delete details.stakePercent;
    }
    request[detailsKey[values.kind]] = details;
  }
  return { request, badAmounts };
}

/** An asset as the form shows it for a change: amounts back in major units, parties kept (masked). */
export function formValuesFromAsset(asset: SellerAsset): AssetFormValues {
  const digits = currencyDigits(asset.currency);
  const major = (minor: string | null) => (minor === null ? "" : minorToMajorInput(minor, digits));
  const fields: Record<string, string> = {
    kind: asset.kind,
    title: asset.title,
    description: asset.description,
    region: asset.region,
    currency: asset.currency,
    appraisedValue: major(asset.appraisedValue),
  };
  if (asset.kind === "claim") {
    const claim: Record<string, string | null> = {
      loanId: asset.loanId,
      principal: major(asset.principal),
      accruedInterest: major(asset.accruedInterest),
      penaltyInterest: major(asset.penaltyInterest),
      fees: major(asset.fees),
      originatedOn: asset.originatedOn,
      defaultedOn: asset.defaultedOn,
      classification: asset.classification,
      security: asset.security,
      litigationStatus: asset.litigationStatus,
      court: asset.court,
      caseNumber: asset.caseNumber,
      limitationExpiresOn: asset.limitationExpiresOn,
      guaranteeExpiresOn: asset.guaranteeExpiresOn,
      enforcementDeadline: asset.enforcementDeadline,
      industry: asset.industry,
      originatingOfficer: asset.originatingOfficer,
      investigatingOfficer: asset.investigatingOfficer,
    };
    for (const [name, value] of Object.entries(claim)) fields[`claim.${name}`] = value ?? "";
    asset.collateral.forEach((c, i) => {
      const row: Record<string, string> = {
        type: c.type,
        location: c.location,
        area: c.area ?? "",
        appraisedValue: major(c.appraisedValue),
        appraisedOn: c.appraisedOn ?? "",
        lienRank: c.lienRank === null ? "" : String(c.lienRank),
        certificateNumber: c.certificateNumber ?? "",
      };
      for (const [name, value] of Object.entries(row)) fields[`claim.collateral.${i}.${name}`] = value;
    });
  } else {
    const prefix = detailsKey[asset.kind];
    for (const [name, value] of Object.entries(asset.details ?? {})) {
      if (name === "stakeBasisPoints" && typeof value === "number") fields["equity.stakePercent"] = String(value / 100);
      else if (name === "registeredCapital" && typeof value === "string") fields[`${prefix}.${name}`] = major(value);
      else if (typeof value === "string" || typeof value === "number") fields[`${prefix}.${name}`] = String(value);
    }
  }
  return { kind: asset.kind, fields, keepParties: asset.parties.map((p) => p.id) };
}

/** A blank form of a kind: one empty party row (and one collateral row for a claim). */
export function blankFormValues(kind: AssetKind): AssetFormValues {
  return { kind, fields: { kind, currency: "CNY" }, keepParties: [] };
}
