import { type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { buttonStyle, FormNotice } from "../components/forms";
import { useDates } from "../components/investing-bits";
import { notificationLocaleOf, notificationSentence } from "../../core/notification-text";
import { i18nServer } from "../i18n.server";
import { requirePermission } from "../lib/auth.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} · nplex` : "nplex" }];

export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const principal = requirePermission(context, request, "account.manage");
  const [rows, t] = await Promise.all([context.services.notifications.list(principal), i18nServer.getFixedT(request)]);
  return {
    title: t("notifications.title"),
    notifications: rows.map((n) => ({
      id: n.id,
      kind: n.kind,
      listingId: n.listingId,
      listingTitle: n.listingTitle,
      params: n.params,
      createdAt: n.createdAt.toISOString(),
      unread: n.readAt === null,
    })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const principal = requirePermission(context, request, "account.manage");
  const intent = (await request.formData()).get("intent");
  if (intent !== "markAllRead") throw new Response("Bad request", { status: 400 });
  await context.services.notifications.markAllRead(principal);
  return { marked: true };
}

/** Drafts and listings in review are not public yet: their authors follow them in the seller's workspace. */
const workspaceKinds = new Set(["listing_returned", "listing_approved", "review_requested"]);

type Item = ReturnType<typeof useLoaderData<typeof loader>>["notifications"][number];

/** The sentence for a notification, in the reader's language (core/notification-text.ts, which e-mails use too). */
function useMessage() {
  const { i18n } = useTranslation();
  return (n: Item) =>
    notificationSentence({
      kind: n.kind,
      params: n.params,
      title: n.listingTitle,
      locale: notificationLocaleOf(i18n.language),
    });
}

export default function Notifications() {
  const { notifications } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const { dateTime } = useDates();
  const message = useMessage();
  const navigation = useNavigation();
  const unread = notifications.filter((n) => n.unread).length;

  return (
    <div className="mx-auto max-w-3xl">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{t("notifications.title")}</h1>
          <p className="mt-2 text-slate-700">{t("notifications.intro")}</p>
          <p className="mt-1 text-sm">
            <Link to="/account/alerts" className="text-brand-700 underline">
              {t("alerts.manage")}
            </Link>
          </p>
        </div>
        {unread > 0 ? (
          <Form method="post" preventScrollReset>
            <button
              type="submit"
              name="intent"
              value="markAllRead"
              disabled={navigation.state !== "idle"}
              className={buttonStyle("secondary", "sm")}
            >
              {t("notifications.markAllRead")}
            </button>
          </Form>
        ) : null}
      </div>
      <div className="mt-4">
        <FormNotice message={result?.marked ? t("notifications.allRead") : null} focus={result} />
      </div>
      {notifications.length === 0 ? (
        <p className="mt-8 rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-700">
          {t("notifications.empty")}
        </p>
      ) : (
        <>
          <p className="mt-4 text-sm text-slate-600">{t("notifications.unreadCount", { count: unread })}</p>
          <ul className="mt-2 space-y-2" aria-label={t("notifications.list")}>
            {notifications.map((n) => (
              <li
                key={n.id}
                className={`rounded-lg border px-4 py-3 ${n.unread ? "border-brand-100 border-l-4 border-l-brand-700 bg-brand-50" : "border-slate-200 bg-white"}`}
                data-unread={n.unread || undefined}
              >
                <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1 text-xs text-slate-600">
                  <time dateTime={n.createdAt}>{dateTime(n.createdAt)}</time>
                  {n.unread ? (
                    <span className="rounded-full bg-brand-700 px-2 py-0.5 font-semibold text-white">
                      {t("notifications.unread")}
                    </span>
                  ) : null}
                </div>
                <p className={`mt-1 ${n.unread ? "font-semibold" : ""}`}>{message(n)}</p>
                {n.params.reason ? (
                  <p className="mt-1 text-sm text-slate-700">{t("notifications.reason", { reason: n.params.reason })}</p>
                ) : null}
                {n.listingId ? (
                  <p className="mt-1 text-sm">
                    <Link
                      to={
                        workspaceKinds.has(n.kind)
                          ? `/manage/listings/${n.listingId}`
                          : n.kind === "agreement_signed"
                            ? `/listings/${n.listingId}/agreement`
                            : n.kind === "handover_delivered"
                              ? `/listings/${n.listingId}/handover`
                              : n.kind === "debtor_notice_published"
                                ? `/listings/${n.listingId}/debtor-notice`
                                : `/listings/${n.listingId}`
                      }
                      className="text-brand-700 underline"
                    >
                      {t("notifications.openListing")}
                      <span className="sr-only">
                        {t("auction.colon")}
                        {n.listingTitle}
                      </span>
                    </Link>
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
