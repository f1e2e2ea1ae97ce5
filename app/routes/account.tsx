import { data, type HeadersFunction, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Fragment, useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ConfirmDialog } from "../components/confirm-dialog";
import { CopyButton } from "../components/copy-button";
import { buttonStyle, Field, FormNotice } from "../components/forms";
import { RefusalAlert } from "../components/refusal";
import { OrgStatusBadge } from "../components/organisation-bits";
import { i18nServer } from "../i18n.server";
import { actorOf, requirePermission } from "../lib/auth.server";
import { formatDateTime } from "../../core/time";
import type { Refusal } from "../lib/refusal";
import { refusalOf } from "../lib/refusal.server";
import { endSession } from "../lib/session.server";
import { formText } from "../lib/form-data";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} · nplex` : "nplex" }];

/** Personal and operational data: never cached, never restored from the back/forward cache. */
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const principal = requirePermission(context, request, "account.manage");
  const { identity } = context.services;
  const [sessions, tokens, t] = await Promise.all([
    identity.listSessions(principal),
    identity.listApiTokens(principal),
    i18nServer.getFixedT(request),
  ]);
  return {
    title: t("account.title"),
    user: { displayName: principal.displayName, email: principal.email },
    memberships: principal.memberships,
    sessions: sessions.map((s) => ({
      id: s.id,
      createdAt: s.createdAt.toISOString(),
      expiresAt: s.expiresAt.toISOString(),
      userAgent: s.userAgent,
      current: s.id === principal.sessionId,
    })),
    tokens: tokens.map((token) => ({
      id: token.id,
      name: token.name,
      prefix: token.prefix,
      createdAt: token.createdAt.toISOString(),
      lastUsedAt: iso(token.lastUsedAt),
      expiresAt: iso(token.expiresAt),
    })),
  };
}

const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("revokeSession"), sessionId: z.uuid() }),
  z.object({ intent: z.literal("createToken"), name: z.string().trim().min(1).max(80) }),
  z.object({ intent: z.literal("revokeToken"), tokenId: z.uuid() }),
]);

type ActionResult = {
  intent: string;
  refusal?: Refusal;
  notice?: "sessionRevoked" | "tokenCreated" | "tokenRevoked";
  /** The one and only time the token is shown. */
  created?: { id: string; name: string; token: string };
  name?: string;
};

export async function action({ request, context }: ActionFunctionArgs) {
  const principal = requirePermission(context, request, "account.manage");
  const { identity } = context.services;
  const form = Object.fromEntries(await request.formData());
  const intent = formText(form, "intent");
  const reply = (body: Omit<ActionResult, "intent">, init?: ResponseInit) => data<ActionResult>({ intent, ...body }, init);
  try {
    const input = actionSchema.parse(form);
    switch (input.intent) {
      case "revokeSession":
        await identity.revokeSession(principal, input.sessionId);
        // Signing out this very device: the cookie goes too, as with the header's sign-out.
        if (input.sessionId === principal.sessionId) throw await endSession(context, "/signin");
        return reply({ notice: "sessionRevoked" });
      case "createToken": {
        const created = await identity.createApiToken(actorOf(principal), { email: principal.email, name: input.name });
        return reply({ notice: "tokenCreated", created: { id: created.id, name: created.name, token: created.token } });
      }
      case "revokeToken":
        await identity.revokeApiToken(principal, input.tokenId);
        return reply({ notice: "tokenRevoked" });
    }
  } catch (error) {
    if (error instanceof Response) throw error;
    const { status, refusal } = refusalOf(error);
    return reply({ refusal, name: typeof form.name === "string" ? form.name : undefined }, { status });
  }
}

/** "Chrome on macOS" from a user-agent string; good enough to recognise one's own devices. */
function describeDevice(userAgent: string | null): { browser: string | null; os: string | null; raw: string | null } {
  if (!userAgent) return { browser: null, os: null, raw: null };
  const ua = userAgent;
  const browser = /Edg\//.test(ua)
    ? "Edge"
    : /OPR\//.test(ua)
      ? "Opera"
      : /Firefox\/|FxiOS/.test(ua)
        ? "Firefox"
        : /Chrome\/|CriOS|Chromium/.test(ua)
          ? "Chrome"
          : /Safari\//.test(ua)
            ? "Safari"
            : null;
  const os = /Android/.test(ua)
    ? "Android"
    : /iPhone|iPad|iPod/.test(ua)
      ? "iOS"
      : /Windows/.test(ua)
        ? "Windows"
        : /Mac OS X|Macintosh/.test(ua)
          ? "macOS"
          : /CrOS/.test(ua)
            ? "ChromeOS"
            : /Linux/.test(ua)
              ? "Linux"
              : null;
  return { browser, os, raw: ua.split(" ")[0]!.slice(0, 40) };
}

/** Text with `code` spans, as the locale strings write them. */
function WithCode({ text }: { text: string }) {
  return (
    <>
      {text.split("`").map((part, i) =>
        i % 2 ? (
          <code key={i} className="rounded bg-slate-100 px-1 py-0.5 font-mono text-[0.85em] text-slate-900">
            {part}
          </code>
        ) : (
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </>
  );
}

const section = "rounded-lg border border-slate-200 bg-white p-4 sm:p-6";

export default function Account() {
  const { user, memberships, sessions, tokens } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const date = (value: string) => formatDateTime(value, i18n.language);
  const failureFor = (intent: string) => (result?.intent === intent ? result : null);

  const deviceName = (userAgent: string | null) => {
    const { browser, os, raw } = describeDevice(userAgent);
    if (browser && os) return t("account.deviceOn", { browser, os });
    return browser ?? os ?? raw ?? t("account.unknownDevice");
  };

  // One entry per organisation, with every role held there.
  const organisations = [...new Map(memberships.map((m) => [m.organisationId, m])).values()].map((m) => ({
    ...m,
    roles: memberships.filter((r) => r.organisationId === m.organisationId).map((r) => r.role),
  }));

  const tokenForm = useRef<HTMLFormElement>(null);
  const navigation = useNavigation();
  const creating = navigation.state === "submitting" && navigation.formData?.get("intent") === "createToken";
  useEffect(() => {
    if (result?.notice === "tokenCreated") tokenForm.current?.reset();
  }, [result]);
  const newTokenRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (result?.created) newTokenRef.current?.focus();
  }, [result]);

  const createFailure = failureFor("createToken");

  return (
    <div className="mx-auto max-w-4xl space-y-8">
      <header>
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{t("account.title")}</h1>
      </header>

      <section aria-labelledby="profile-heading" className={section}>
        <h2 id="profile-heading" className="text-lg font-semibold">
          {t("account.profile")}
        </h2>
        <dl className="mt-3 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[10rem_1fr]">
          <dt className="text-slate-600">{t("account.name")}</dt>
          <dd className="font-medium">{user.displayName}</dd>
          <dt className="mt-2 text-slate-600 sm:mt-0">{t("account.email")}</dt>
          <dd className="font-medium break-all">{user.email}</dd>
        </dl>

        <h3 className="mt-6 text-base font-semibold">{t("account.memberships")}</h3>
        {organisations.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">{t("account.noMemberships")}</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-100">
            {organisations.map((org) => (
              <li key={org.organisationId} className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 py-2">
                <div>
                  <p className="font-medium">{org.organisationName}</p>
                  <p className="text-sm text-slate-600">
                    {t(`orgKind.${org.organisationKind}`)} ·{" "}
                    {org.roles.map((role) => t(`role.${role}`)).join(t("common.listSeparator"))}
                  </p>
                </div>
                <OrgStatusBadge status={org.organisationStatus} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="sessions-heading" className={section}>
        <h2 id="sessions-heading" className="text-lg font-semibold">
          {t("account.sessions")}
        </h2>
        <p className="mt-1 text-sm text-slate-700">{t("account.sessionsIntro")}</p>
        <div className="mt-3 space-y-2">
          <RefusalAlert refusal={failureFor("revokeSession")?.refusal} messages="errors" />
          <FormNotice message={result?.notice === "sessionRevoked" ? t("account.sessionRevoked") : null} focus={result} />
        </div>
        <ul className="mt-2 divide-y divide-slate-100">
          {sessions.map((session) => {
            const device = deviceName(session.userAgent);
            return (
              <li key={session.id} className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 py-3">
                <div className="min-w-0">
                  <p className="flex flex-wrap items-center gap-2 font-medium">
                    {device}
                    {session.current ? (
                      <span className="rounded-full bg-brand-50 px-2 py-0.5 text-xs font-semibold text-brand-900 ring-1 ring-brand-100">
                        {t("account.current")}
                      </span>
                    ) : null}
                  </p>
                  <p className="text-sm text-slate-600">
                    {t("account.since", { date: date(session.createdAt) })} ·{" "}
                    {t("account.expires", { date: date(session.expiresAt) })}
                  </p>
                </div>
                <ConfirmDialog
                  triggerLabel={t("account.revoke")}
                  triggerName={t("common.actionOn", {
                    action: t("account.revoke"),
                    subject: session.current ? `${device} (${t("account.current")})` : device,
                  })}
                  title={session.current ? t("account.revokeCurrentTitle") : t("account.revokeSessionTitle")}
                  description={
                    <p>
                      {session.current
                        ? t("account.revokeCurrentBody")
                        : t("account.revokeSessionBody", { device, date: date(session.createdAt) })}
                    </p>
                  }
                  confirmLabel={t("account.revoke")}
                  intent="revokeSession"
                  values={{ sessionId: session.id }}
                />
              </li>
            );
          })}
        </ul>
      </section>

      <section aria-labelledby="tokens-heading" className={section}>
        <h2 id="tokens-heading" className="text-lg font-semibold">
          {t("account.tokens")}
        </h2>
        <p className="mt-1 text-sm text-slate-700">
          <WithCode text={t("account.tokensIntro")} />
        </p>

        <div className="mt-3 space-y-2">
          <RefusalAlert refusal={failureFor("revokeToken")?.refusal} messages="errors" />
          <FormNotice message={result?.notice === "tokenRevoked" ? t("account.tokenRevoked") : null} focus={result} />
        </div>

        {result?.created ? (
          <div
            ref={newTokenRef}
            tabIndex={-1}
            role="group"
            aria-labelledby="new-token-label"
            className="mt-3 rounded-lg border border-emerald-300 bg-emerald-50 p-4"
          >
            <p id="new-token-label" className="font-semibold text-emerald-950">
              {t("account.newTokenFor", { name: result.created.name })}
            </p>
            <div className="mt-2 flex flex-wrap items-center gap-2">
              <label htmlFor="new-token" className="sr-only">
                {t("account.newToken")}
              </label>
              <input
                id="new-token"
                readOnly
                value={result.created.token}
                onFocus={(event) => event.currentTarget.select()}
                className="min-w-0 flex-1 basis-64 rounded border border-emerald-400 bg-white px-3 py-2 font-mono text-sm"
                spellCheck={false}
                autoComplete="off"
              />
              <CopyButton targetId="new-token" />
            </div>
            <p className="mt-2 text-sm text-emerald-950">{t("account.tokenWarning")}</p>
          </div>
        ) : null}

        {tokens.length === 0 ? (
          <p className="mt-4 text-sm text-slate-600">{t("account.noTokens")}</p>
        ) : (
          <ul className="mt-3 divide-y divide-slate-100">
            {tokens.map((token) => (
              <li key={token.id} className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 py-3">
                <div className="min-w-0">
                  <p className="flex flex-wrap items-baseline gap-x-2 font-medium">
                    {token.name}
                    <span className="font-mono text-xs font-normal text-slate-600">
                      <span className="sr-only">{t("account.tokenPrefix")} </span>
                      npx_{token.prefix}_…
                    </span>
                  </p>
                  <p className="text-sm text-slate-600">
                    {t("account.created", { date: date(token.createdAt) })} ·{" "}
                    {token.lastUsedAt ? t("account.lastUsed", { date: date(token.lastUsedAt) }) : t("account.neverUsed")}
                    {token.expiresAt ? ` · ${t("account.expires", { date: date(token.expiresAt) })}` : ""}
                  </p>
                </div>
                <ConfirmDialog
                  triggerLabel={t("account.revokeToken")}
                  triggerName={t("common.actionOn", { action: t("account.revokeToken"), subject: token.name })}
                  title={t("account.revokeTokenTitle", { name: token.name })}
                  description={<p>{t("account.revokeTokenBody")}</p>}
                  confirmLabel={t("account.revokeToken")}
                  intent="revokeToken"
                  values={{ tokenId: token.id }}
                />
              </li>
            ))}
          </ul>
        )}

        <Form
          ref={tokenForm}
          method="post"
          preventScrollReset
          className="mt-6 border-t border-slate-100 pt-4"
          aria-labelledby="create-token-heading"
        >
          <h3 id="create-token-heading" className="text-base font-semibold">
            {t("account.createTokenTitle")}
          </h3>
          <div className="mt-3 space-y-3">
            <RefusalAlert refusal={createFailure?.refusal} messages="errors" />
            <div className="flex flex-wrap items-start gap-3">
              <div className="min-w-0 flex-1 basis-64">
                <Field
                  label={t("account.tokenName")}
                  name="name"
                  id="token-name"
                  required
                  maxLength={80}
                  autoComplete="off"
                  defaultValue={createFailure?.name}
                  hint={t("account.tokenNameHint")}
                  error={createFailure?.refusal?.fields?.name ? t("account.tokenNameInvalid") : undefined}
                />
              </div>
              <button
                type="submit"
                name="intent"
                value="createToken"
                className={`${buttonStyle("primary")} sm:mt-6`}
                disabled={creating}
              >
                {t("account.createToken")}
              </button>
            </div>
          </div>
        </Form>
      </section>
    </div>
  );
}
