import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { OperatorQueueHeader } from "../components/operator-tabs";
import { useDates } from "../components/investing-bits";
import { EmptyState } from "../components/data-table";
import { i18nServer } from "../i18n.server";
import { requirePermission } from "../lib/auth.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} · nplex` : "nplex" }];

/** Mail to named people: never cached. */
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const principal = requirePermission(context, request, "listing.operate");
  const [t, mails] = await Promise.all([i18nServer.getFixedT(request), context.services.mail.outbox(principal)]);
  return {
    title: t("operatorQueues.mail.title"),
    mails: mails.map((m) => ({ ...m, mailedAt: m.mailedAt?.toISOString() ?? null })),
  };
}

/** The mail as it was written for each recipient: the outbox of a server without SMTP, and the record of one with it. */
export default function OperatorMail() {
  const { mails } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const { dateTime } = useDates();
  return (
    <div className="space-y-6">
      <OperatorQueueHeader queue="mail" />
      <section aria-labelledby="mail-heading" className="space-y-3">
        <h2 id="mail-heading" className="text-lg font-semibold">
          {t("operatorQueues.mail.heading")}
        </h2>
        {mails.length === 0 ? (
          <EmptyState>{t("operatorQueues.mail.empty")}</EmptyState>
        ) : (
          <ol className="space-y-3" aria-label={t("operatorQueues.mail.caption", { count: mails.length })}>
            {mails.map((mail) => (
              <li key={mail.id} className="rounded-lg border border-slate-200 bg-white p-4" data-testid="mail">
                <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
                  <dt className="text-slate-600">{t("operatorQueues.mail.colTo")}</dt>
                  <dd className="font-medium break-all">{mail.to}</dd>
                  <dt className="text-slate-600">{t("operatorQueues.mail.colSubject")}</dt>
                  <dd className="font-medium">{mail.subject}</dd>
                  <dt className="text-slate-600">{t("operatorQueues.mail.colStatus")}</dt>
                  <dd>
                    {t(`operatorQueues.mail.status.${mail.status === "queued" ? "kept" : mail.status}`)}
                    {mail.mailedAt ? ` · ${dateTime(mail.mailedAt)}` : null}
                  </dd>
                </dl>
                <pre className="mt-3 font-sans text-sm whitespace-pre-wrap text-slate-800">{mail.text}</pre>
                {mail.attachment ? (
                  <p className="mt-2 text-xs text-slate-700">
                    {t("operatorQueues.mail.attached", { document: t(`operatorQueues.mail.document.${mail.attachment}`) })}
                  </p>
                ) : null}
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
