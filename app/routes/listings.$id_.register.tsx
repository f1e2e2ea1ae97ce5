import {
  data,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { organisationsWith } from "../../core/identity/access";
import { RegistrationBadge } from "../components/investing-bits";
import { RegistrationForm } from "../components/registration-form";
import { i18nServer } from "../i18n.server";
import { requirePermission } from "../lib/auth.server";
import { refusalOf } from "../lib/refusal.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} · nplex` : "nplex" }];

/** The applicant's identity is typed here: never cached, never restored from the back/forward cache. */
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const principal = requirePermission(context, request, "investor.register");
  const { listings, registrations, clock } = context.services;
  const id = params.id ?? "";
  const [published, mine, t] = await Promise.all([
    listings.getPublic(id),
    registrations.mine(principal),
    i18nServer.getFixedT(request),
  ]);
  // Before the announcement, only the designated investor of a designated purchase sees the listing, to commit.
  const invitation = published ? null : ((await registrations.designatedInvitations(principal, id))[0] ?? null);
  const listing = published ?? invitation;
  if (!listing) throw new Response("Not found", { status: 404 });
  const existing = mine.find((r) => r.listingId === id && (r.status === "pending" || r.status === "approved"));
  const investorOrgs = organisationsWith(principal, ["investor"]);
  const now = clock.now();
  return {
    title: t("registration.title"),
    listing: {
      id: listing.id,
      title: listing.title,
      currency: listing.currency,
      startingPrice: listing.startingPrice,
      deposit: listing.deposit,
      specialTerms: listing.specialTerms,
      balanceDueDays: listing.balanceDueDays,
      termsVersion: listing.termsVersion,
      rightOfFirstRefusalHolders: listing.rightOfFirstRefusalHolders,
    },
    existing: existing ? { status: existing.status, bidderCode: existing.bidderCode } : null,
    designated: invitation ? { sellerName: invitation.sellerName } : null,
    // The registration service's own rule: open from the announcement until bidding ends.
    open: invitation
      ? !invitation.committed
      : (published!.status === "announced" || published!.status === "live") &&
        (!published!.endsAt || now < new Date(published!.endsAt)),
    organisations: principal.memberships
      .filter((m) => investorOrgs.includes(m.organisationId))
      .filter((m, i, all) => all.findIndex((o) => o.organisationId === m.organisationId) === i)
      .map((m) => ({ id: m.organisationId, name: m.organisationName, kind: m.organisationKind })),
  };
}

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
};

export async function action({ request, params, context }: ActionFunctionArgs) {
  const principal = requirePermission(context, request, "investor.register");
  const listingId = params.id ?? "";
  const form = await request.formData();
  const claimsRight = form.get("rightOfFirstRefusalClaim") === "on";
  const values = {
    organisationId: text(form, "organisationId"),
    applicantName: text(form, "applicantName"),
    applicantIdType: text(form, "applicantIdType"),
    applicantIdNumber: text(form, "applicantIdNumber"),
    attestations: form.getAll("attestations").map(String),
    rightOfFirstRefusalClaim: claimsRight,
    rightOfFirstRefusalRank: text(form, "rightOfFirstRefusalRank"),
    rightOfFirstRefusalProof: text(form, "rightOfFirstRefusalProof"),
  };
  try {
    await context.services.registrations.apply(principal, listingId, {
      organisationId: values.organisationId || undefined,
      applicantName: values.applicantName,
      applicantIdType: values.applicantIdType,
      applicantIdNumber: values.applicantIdNumber,
      attestations: values.attestations,
      termsVersion: text(form, "termsVersion"),
      acceptTerms: form.get("acceptTerms") === "on",
      acceptNda: form.get("acceptNda") === "on",
      rightOfFirstRefusal: claimsRight ? { rank: values.rightOfFirstRefusalRank, proof: values.rightOfFirstRefusalProof } : null,
      designatedFloor: text(form, "designatedFloor") || null,
    });
  } catch (error) {
    const { status, refusal } = refusalOf(error);
    return data({ refusal, values }, { status });
  }
  return redirect(`/registrations?registered=${encodeURIComponent(listingId)}`);
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

function AlreadyOrClosed({ data: { listing, existing } }: { data: LoaderData }) {
  const { t } = useTranslation();
  return (
    <div className="mt-6 space-y-3 rounded-lg border border-slate-200 bg-white p-4" data-testid="registration-unavailable">
      {existing ? (
        <>
          <p className="font-semibold">{t("registration.already")}</p>
          <p className="flex items-center gap-2 text-sm">
            <RegistrationBadge status={existing.status} />
            {existing.bidderCode ? t("investing.listing.registrationApproved", { code: existing.bidderCode }) : null}
          </p>
          <Link to="/registrations" className="text-brand-700 underline">
            {t("registration.seeRegistrations")}
          </Link>
        </>
      ) : (
        <p className="font-semibold">{t("registration.closed")}</p>
      )}
      <p>
        <Link to={`/listings/${listing.id}`} className="text-brand-700 underline">
          {t("investing.backToListing")}
        </Link>
      </p>
    </div>
  );
}

export default function RegisterPage() {
  const loaderData = useLoaderData<typeof loader>();
  const { listing, existing, open, organisations, designated } = loaderData;
  const result = useActionData<typeof action>();
  const { t } = useTranslation();

  return (
    <div className="mx-auto max-w-3xl">
      <p className="text-sm">
        {designated ? (
          <Link to="/registrations" className="text-brand-700 underline">
            ← {t("registration.seeRegistrations")}
          </Link>
        ) : (
          <Link to={`/listings/${listing.id}`} className="text-brand-700 underline">
            ← {t("investing.backToListing")}
          </Link>
        )}
      </p>
      <h1 className="mt-3 text-2xl font-bold tracking-tight sm:text-3xl">
        {designated ? t("designated.commit.title") : t("registration.title")}
      </h1>
      <p className="mt-1 text-lg text-slate-800">{listing.title}</p>
      <p className="mt-2 text-slate-700">
        {designated
          ? t("designated.commit.intro", { seller: designated.sellerName })
          : t("registration.intro", { title: listing.title })}
      </p>

      {existing || !open ? (
        <AlreadyOrClosed data={loaderData} />
      ) : (
        <RegistrationForm
          listing={listing}
          organisations={organisations}
          refusal={result?.refusal ?? null}
          values={result?.values}
          designated={designated}
        />
      )}
    </div>
  );
}
