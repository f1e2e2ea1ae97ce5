import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Money } from "./listing-bits";
import type { ListingDetail } from "../../core/contract/listings";
import type { useFieldError } from "./refusal";

/** What the form shows of the listing: its terms, deposit and declared right-of-first-refusal holders. */
export type RegistrationListing = Pick<
  ListingDetail,
  | "id"
  | "currency"
  | "startingPrice"
  | "deposit"
  | "specialTerms"
  | "balanceDueDays"
  | "termsVersion"
  | "rightOfFirstRefusalHolders"
>;

/** What the applicant typed, given back with a refusal so that nothing has to be typed again. */
export interface RegistrationValues {
  organisationId: string;
  applicantName: string;
  applicantIdType: string;
  applicantIdNumber: string;
  attestations: string[];
  rightOfFirstRefusalClaim: boolean;
  rightOfFirstRefusalRank: string;
  rightOfFirstRefusalProof: string;
}

export type FieldError = ReturnType<typeof useFieldError>;

export const sectionClass = "space-y-3 rounded-lg border border-slate-200 bg-white p-4 sm:p-5";
export const headingClass = "text-lg font-semibold";
export const checkboxClass = "mt-1 h-4 w-4 shrink-0 accent-brand-700";

export function ErrorText({ id, message }: { id: string; message?: string }) {
  return message ? (
    <p id={id} className="text-sm text-rose-700">
      {message}
    </p>
  ) : null;
}

function Fact({ label, value, testId }: { label: string; value: ReactNode; testId?: string }) {
  return (
    <div className="flex justify-between gap-4 border-b border-slate-100 py-1.5 text-sm last:border-b-0">
      <dt className="text-slate-600">{label}</dt>
      <dd className="text-right font-medium" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

/** The terms of sale of this version, accepted by ticking the box. */
export function TermsSection({ listing, fieldError }: { listing: RegistrationListing; fieldError: FieldError }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="terms-heading" className={sectionClass}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="terms-heading" className={headingClass}>
          {t("registration.terms.heading")}
        </h2>
        <span className="text-sm text-slate-600">{t("registration.terms.version", { version: listing.termsVersion })}</span>
      </div>
      <dl>
        <Fact
          label={t("registration.terms.startingPrice")}
          value={<Money value={listing.startingPrice} currency={listing.currency} />}
        />
        <Fact label={t("registration.terms.deposit")} value={<Money value={listing.deposit} currency={listing.currency} />} />
        <Fact
          label={t("registration.terms.balance")}
          value={t("registration.terms.balanceDays", { count: listing.balanceDueDays })}
        />
      </dl>
      <h3 className="font-semibold">{t("registration.terms.special")}</h3>
      <p className="text-sm whitespace-pre-line text-slate-800" data-testid="special-terms">
        {listing.specialTerms || t("registration.terms.noSpecial")}
      </p>
      <h3 className="font-semibold">{t("registration.terms.general")}</h3>
      <ol className="list-decimal space-y-1 pl-6 text-sm text-slate-800">
        <li>{t("registration.terms.asIs")}</li>
        <li>{t("registration.terms.binding")}</li>
        <li>{t("registration.terms.depositRule")}</li>
        <li>{t("registration.terms.default")}</li>
        <li>{t("registration.terms.withdraw")}</li>
      </ol>
      <div className="flex items-start gap-2 border-t border-slate-100 pt-3">
        <input
          key={`terms-${listing.termsVersion}`}
          type="checkbox"
          id="accept-terms"
          name="acceptTerms"
          required
          aria-describedby={fieldError("acceptTerms") ? "accept-terms-error" : undefined}
          className={checkboxClass}
        />
        <label htmlFor="accept-terms" className="text-sm font-medium">
          {t("registration.terms.accept", { version: listing.termsVersion })}
        </label>
      </div>
      <ErrorText id="accept-terms-error" message={fieldError("acceptTerms") ?? fieldError("termsVersion")} />
    </section>
  );
}

export function NdaSection({ termsVersion, fieldError }: { termsVersion: number; fieldError: FieldError }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="nda-heading" className={sectionClass}>
      <h2 id="nda-heading" className={headingClass}>
        {t("registration.nda.heading")}
      </h2>
      <ol className="list-decimal space-y-1 pl-6 text-sm text-slate-800">
        <li>{t("registration.nda.p1")}</li>
        <li>{t("registration.nda.p2")}</li>
        <li>{t("registration.nda.p3")}</li>
        <li>{t("registration.nda.p4")}</li>
      </ol>
      <div className="flex items-start gap-2 border-t border-slate-100 pt-3">
        <input
          key={`nda-${termsVersion}`}
          type="checkbox"
          id="accept-nda"
          name="acceptNda"
          required
          aria-describedby={fieldError("acceptNda") ? "accept-nda-error" : undefined}
          className={checkboxClass}
        />
        <label htmlFor="accept-nda" className="text-sm font-medium">
          {t("registration.nda.accept")}
        </label>
      </div>
      <ErrorText id="accept-nda-error" message={fieldError("acceptNda")} />
    </section>
  );
}

/** The deposit asked: how much, and that the account and the reference to quote come with the registration. */
export function DepositSection({ listing }: { listing: RegistrationListing }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="deposit-heading" className={sectionClass}>
      <h2 id="deposit-heading" className={headingClass}>
        {t("registration.deposit.heading")}
      </h2>
      <p className="text-sm text-slate-700">{t("registration.deposit.explain")}</p>
      <dl className="rounded-md bg-slate-50 px-3 py-1">
        <Fact
          label={t("registration.deposit.amount")}
          value={<Money value={listing.deposit} currency={listing.currency} />}
          testId="deposit-amount"
        />
      </dl>
    </section>
  );
}

/**
 * Designated purchase: the investor commits, before the announcement, to buy at the floor (the
 * starting price) if no other bidder comes; the commitment binds once an operator approves it.
 */
export function DesignatedCommitmentSection({
  listing,
  sellerName,
  fieldError,
}: {
  listing: RegistrationListing;
  sellerName: string;
  fieldError: FieldError;
}) {
  const { t } = useTranslation();
  const error = fieldError("designatedFloor");
  return (
    <section aria-labelledby="commitment-heading" className={sectionClass} data-testid="designated-commitment">
      <h2 id="commitment-heading" className={headingClass}>
        {t("designated.commit.heading")}
      </h2>
      <p className="text-sm text-slate-800">{t("designated.commit.explain", { seller: sellerName })}</p>
      <dl>
        <Fact
          label={t("designated.commit.floor")}
          value={<Money value={listing.startingPrice} currency={listing.currency} />}
          testId="designated-floor"
        />
      </dl>
      <ol className="list-decimal space-y-1 pl-6 text-sm text-slate-800">
        <li>{t("designated.commit.stepReview")}</li>
        <li>{t("designated.commit.stepExtend")}</li>
        <li>{t("designated.commit.stepAlone")}</li>
        <li>{t("designated.commit.stepAuction")}</li>
      </ol>
      <input type="hidden" name="designatedFloor" value={listing.startingPrice} />
      <label className="flex items-start gap-2 text-sm">
        <input
          type="checkbox"
          name="acceptCommitment"
          required
          className={checkboxClass}
          aria-describedby={error ? "commitment-error" : undefined}
        />
        <span>{t("designated.commit.accept")}</span>
      </label>
      <ErrorText id="commitment-error" message={error} />
    </section>
  );
}
