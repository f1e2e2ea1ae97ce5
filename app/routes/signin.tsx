import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { buttonClass, Field } from "../components/forms";
import { RefusalAlert, useFieldError } from "../components/refusal";
import { WaitNotice } from "../components/wait-notice";
import { passRetryAfter, retryAfterHeaders, safeRedirect } from "../lib/auth.server";
import type { Refusal } from "../lib/refusal";
import { refusalOf } from "../lib/refusal.server";
import { startSession } from "../lib/session.server";
import { formText } from "../lib/form-data";

export const meta: MetaFunction = () => [{ title: "Sign in · nplex" }];

export const headers = passRetryAfter;

export function loader({ request, context }: LoaderFunctionArgs) {
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get("redirectTo"));
  if (context.principal.kind === "user") throw redirect(redirectTo);
  return { redirectTo };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  try {
    const session = await context.services.identity.signIn(
      { email: form.get("email"), password: form.get("password") },
      { ip: context.clientIp, userAgent: request.headers.get("user-agent") ?? undefined },
    );
    return startSession(context, session, safeRedirect(form.get("redirectTo")));
  } catch (error) {
    const { status, refusal } = refusalOf(error);
    return Response.json({ refusal, email: formText(form, "email") }, { status, headers: retryAfterHeaders(error) });
  }
}

export default function SignIn() {
  const { t } = useTranslation();
  const failure = useActionData<typeof action>() as { refusal: Refusal; email?: string } | undefined;
  const { redirectTo } = useLoaderData<typeof loader>();
  const busy = useNavigation().state !== "idle";
  const fieldError = useFieldError(failure?.refusal);
  return (
    <div className="mx-auto max-w-sm">
      <h1 className="text-2xl font-bold">{t("auth.signInTitle")}</h1>
      <Form method="post" className="mt-6 flex flex-col gap-4" noValidate>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        {failure?.refusal.code === "RATE_LIMITED" ? (
          <WaitNotice seconds={Number(failure.refusal.params?.seconds)} />
        ) : (
          <RefusalAlert refusal={failure?.refusal} messages="errors" />
        )}
        <Field
          label={t("auth.email")}
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={failure?.email}
          error={fieldError("email")}
        />
        <Field
          label={t("auth.password")}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          error={fieldError("password")}
        />
        <button type="submit" className={buttonClass} disabled={busy}>
          {t("auth.submitSignIn")}
        </button>
      </Form>
      <p className="mt-6 text-sm">
        {t("auth.noAccount")}{" "}
        <Link to="/signup" className="text-brand-700 underline">
          {t("auth.submitSignUp")}
        </Link>
      </p>
    </div>
  );
}
