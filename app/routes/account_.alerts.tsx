import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { alertKinds } from "../../core/alerts";
import { buttonStyle, FormNotice } from "../components/forms";
import { RefusalAlert } from "../components/refusal";
import { i18nServer } from "../i18n.server";
import { requirePermission } from "../lib/auth.server";
import type { Refusal } from "../lib/refusal";
import { refusalOf } from "../lib/refusal.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} · nplex` : "nplex" }];

export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

/** The user's alerts: which reach them in the app, and which by e-mail. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const principal = requirePermission(context, request, "account.manage");
  const [settings, t] = await Promise.all([context.services.alerts.settings(principal), i18nServer.getFixedT(request)]);
  return { title: t("alerts.title"), settings };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const principal = requirePermission(context, request, "account.manage");
  const form = await request.formData();
  // A checkbox is sent only when ticked.
  const choices = Object.fromEntries(
    alertKinds.map((kind) => [kind, { inApp: form.get(`${kind}.inApp`) === "on", email: form.get(`${kind}.email`) === "on" }]),
  );
  try {
    await context.services.alerts.saveSettings(principal, choices);
    return data<{ saved?: true; refusal?: Refusal }>({ saved: true });
  } catch (error) {
    const { status, refusal } = refusalOf(error);
    return data<{ saved?: true; refusal?: Refusal }>({ refusal }, { status });
  }
}

export default function Alerts() {
  const { settings } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <p className="text-sm">
        <Link to="/account" className="text-brand-700 underline">
          {t("alerts.back")}
        </Link>
      </p>
      <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{t("alerts.title")}</h1>
      <p className="text-slate-700">{t("alerts.intro")}</p>
      <FormNotice message={result?.saved ? t("alerts.saved") : null} focus={result} />
      {result?.refusal ? <RefusalAlert refusal={result.refusal} /> : null}
      <Form method="post" className="rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{t("alerts.title")}</caption>
          <thead>
            <tr className="border-b border-slate-200">
              <th scope="col" className="py-2 pr-4 font-semibold">
                {t("alerts.alert")}
              </th>
              <th scope="col" className="px-3 py-2 text-center font-semibold">
                {t("alerts.inApp")}
              </th>
              <th scope="col" className="px-3 py-2 text-center font-semibold">
                {t("alerts.email")}
              </th>
            </tr>
          </thead>
          <tbody>
            {alertKinds.map((kind) => (
              <tr key={kind} className="border-b border-slate-100 last:border-0">
                <th scope="row" className="py-3 pr-4 font-normal">
                  <span className="font-medium">{t(`alerts.kind.${kind}.name`)}</span>
                  <span className="block text-slate-600">{t(`alerts.kind.${kind}.when`)}</span>
                </th>
                {(["inApp", "email"] as const).map((channel) => (
                  <td key={channel} className="px-3 py-3 text-center">
                    <input
                      type="checkbox"
                      name={`${kind}.${channel}`}
                      defaultChecked={settings[kind][channel]}
                      aria-label={`${t(`alerts.kind.${kind}.name`)}: ${t(`alerts.${channel}`)}`}
                      className="h-5 w-5 accent-brand-700"
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        <button type="submit" disabled={navigation.state !== "idle"} className={`mt-4 ${buttonStyle()}`}>
          {t("alerts.save")}
        </button>
      </Form>
    </div>
  );
}
