import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { selfServiceKinds } from "../../core/contract/identity";
import { buttonClass, Field } from "../components/forms";
import { RefusalAlert, useFieldError } from "../components/refusal";
import { WaitNotice } from "../components/wait-notice";
import { passRetryAfter, retryAfterHeaders } from "../lib/auth.server";
import type { Refusal } from "../lib/refusal";
import { refusalOf } from "../lib/refusal.server";
import { startSession } from "../lib/session.server";

export const meta: MetaFunction = () => [{ title: "Create an account · nplex" }];

export const headers = passRetryAfter;

export function loader({ context }: LoaderFunctionArgs) {
  if (context.principal.kind === "user") throw redirect("/");
  return null;
}

const fields = ["side", "email", "password", "displayName", "organisationName", "organisationKind", "region"] as const;

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const input = Object.fromEntries(fields.map((f) => [f, form.get(f) ?? undefined]));
  try {
    const session = await context.services.identity.signUp(input, {
      ip: context.clientIp,
      userAgent: request.headers.get("user-agent") ?? undefined,
    });
    return startSession(context, session, "/account");
  } catch (error) {
    const { status, refusal } = refusalOf(error);
    const { password: _password, ...values } = input;
    return Response.json({ refusal, values }, { status, headers: retryAfterHeaders(error) });
  }
}

export default function SignUp() {
  const { t } = useTranslation();
  const failure = useActionData<typeof action>() as { refusal: Refusal; values?: Record<string, string> } | undefined;
  const busy = useNavigation().state !== "idle";
  const v = failure?.values ?? {};
  const fieldError = useFieldError(failure?.refusal);
  return (
    <div className="mx-auto max-w-lg">
      <h1 className="text-2xl font-bold">{t("auth.signUpTitle")}</h1>
      <p className="mt-2 text-slate-700">{t("auth.signUpIntro")}</p>
      <Form method="post" className="mt-6 flex flex-col gap-4" noValidate>
        {failure?.refusal.code === "RATE_LIMITED" ? (
          <WaitNotice seconds={Number(failure.refusal.params?.seconds)} />
        ) : (
          <RefusalAlert refusal={failure?.refusal} messages="errors" />
        )}
        <fieldset className="flex flex-col gap-2">
          <legend className="text-sm font-medium text-slate-800">{t("auth.side")}</legend>
          {(["investor", "seller"] as const).map((side) => (
            <label key={side} className="flex items-center gap-2">
              <input type="radio" name="side" value={side} defaultChecked={(v.side ?? "investor") === side} />
              {side === "investor" ? t("auth.sideInvestor") : t("auth.sideSeller")}
            </label>
          ))}
        </fieldset>
        <Field
          label={t("auth.displayName")}
          name="displayName"
          autoComplete="name"
          required
          defaultValue={v.displayName}
          error={fieldError("displayName")}
        />
        <Field
          label={t("auth.email")}
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={v.email}
          error={fieldError("email")}
        />
        <Field
          label={t("auth.password")}
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={10}
          hint={t("auth.passwordHint")}
          error={fieldError("password")}
        />
        <Field
          label={t("auth.organisationName")}
          name="organisationName"
          autoComplete="organization"
          required
          defaultValue={v.organisationName}
          error={fieldError("organisationName")}
        />
        <div className="flex flex-col gap-1">
          <label htmlFor="field-organisationKind" className="text-sm font-medium text-slate-800">
            {t("auth.organisationKind")}
          </label>
          <select
            id="field-organisationKind"
            name="organisationKind"
            defaultValue={v.organisationKind ?? "fund"}
            className="rounded border border-slate-300 bg-white px-3 py-2"
          >
            {selfServiceKinds.map((kind) => (
              <option key={kind} value={kind}>
                {t(`orgKind.${kind}`)}
              </option>
            ))}
          </select>
          {fieldError("organisationKind") ? <p className="text-sm text-rose-700">{fieldError("organisationKind")}</p> : null}
        </div>
        <Field label={t("auth.region")} name="region" defaultValue={v.region} error={fieldError("region")} />
        <button type="submit" className={buttonClass} disabled={busy}>
          {t("auth.submitSignUp")}
        </button>
      </Form>
      <p className="mt-6 text-sm">
        {t("auth.haveAccount")}{" "}
        <Link to="/signin" className="text-brand-700 underline">
          {t("auth.submitSignIn")}
        </Link>
      </p>
    </div>
  );
}
