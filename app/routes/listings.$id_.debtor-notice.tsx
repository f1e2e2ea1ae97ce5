import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ClosingPageHeader } from "../components/closing-page-header";
import { buttonStyle, FormNotice } from "../components/forms";
import { useDates } from "../components/investing-bits";
import { RefusalAlert } from "../components/refusal";
import { i18nServer } from "../i18n.server";
import { requirePermission } from "../lib/auth.server";
import { refusalOf } from "../lib/refusal.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} · nplex` : "nplex" }];

export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

/**
 * Public once published: the notice as published, to anyone. Before, only the seller's admin and
 * operators find the page, to publish it; anyone else gets 404.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { principal, services } = context;
  const id = params.id ?? "";
  const [t, notice, listing] = await Promise.all([
    i18nServer.getFixedT(request),
    services.debtorNotices.published(id),
    services.listings.getPublic(id),
  ]);
  const standing = principal.kind === "user" ? await services.debtorNotices.standing(principal, id).catch(() => null) : null;
  if (!listing || (!notice && !standing?.canPublish)) throw new Response("Not found", { status: 404 });
  return {
    title: t("closing.notice.title"),
    listing: { id: listing.id, title: listing.title },
    notice: notice
      ? { number: notice.number, text: notice.text, sha256: notice.sha256, publishedAt: notice.publishedAt.toISOString() }
      : null,
    canPublish: !notice && (standing?.canPublish ?? false),
    canOpenLetters: Boolean(notice) && (standing?.canOpenLetters ?? false),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const principal = requirePermission(context, request, "account.manage");
  try {
    await context.services.debtorNotices.publish(principal, params.id ?? "");
    return data({ published: true, refusal: null });
  } catch (error) {
    const { status, refusal } = refusalOf(error);
    return data({ published: false, refusal }, { status });
  }
}

export default function DebtorNoticePage() {
  const { listing, notice, canPublish, canOpenLetters } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const { date } = useDates();
  const navigation = useNavigation();

  return (
    <div className="mx-auto max-w-4xl">
      <ClosingPageHeader
        listingId={listing.id}
        title={t("closing.notice.title")}
        listingTitle={listing.title}
        intro={t("closing.notice.intro")}
      />
      <div className="mt-3 space-y-2">
        <FormNotice message={result?.published ? t("closing.notice.publishedNow") : null} focus={result} />
        <RefusalAlert refusal={result?.refusal ?? null} messages="closing.agreement.errors" />
      </div>

      {notice ? (
        <section aria-labelledby="notice-heading" className="mt-6 rounded-lg border border-slate-200 bg-white p-4 sm:p-5">
          <h2 id="notice-heading" className="text-sm text-slate-700" data-testid="notice-published">
            {t("closing.notice.published", { date: date(notice.publishedAt), number: notice.number })}
          </h2>
          <div
            className="mt-3 whitespace-pre-wrap break-words rounded border border-slate-100 bg-slate-50 p-3 text-sm leading-relaxed text-slate-900"
            data-testid="notice-text"
          >
            {notice.text}
          </div>
          <p className="mt-3 flex flex-wrap gap-x-4 gap-y-1 text-sm">
            <a href={`/listings/${listing.id}/debtor-notice.pdf`} className="text-brand-700 underline">
              {t("closing.notice.pdf")}
            </a>
            {canOpenLetters ? (
              <a href={`/listings/${listing.id}/debtor-letters.pdf`} className="text-brand-700 underline">
                {t("closing.notice.letters")}
              </a>
            ) : null}
          </p>
          {canOpenLetters ? <p className="mt-1 text-xs text-slate-600">{t("closing.notice.lettersHint")}</p> : null}
        </section>
      ) : canPublish ? (
        <Form
          method="post"
          className="mt-6 space-y-3 rounded-lg border border-brand-200 bg-white p-4 sm:p-5"
          aria-labelledby="publish-heading"
        >
          <h2 id="publish-heading" className="text-lg font-semibold">
            {t("closing.notice.publishHeading")}
          </h2>
          <p className="text-sm text-slate-700">{t("closing.notice.publishIntro")}</p>
          <button type="submit" className={buttonStyle()} disabled={navigation.state === "submitting"}>
            {t("closing.notice.publish")}
          </button>
        </Form>
      ) : null}
    </div>
  );
}
