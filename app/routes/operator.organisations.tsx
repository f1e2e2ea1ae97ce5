import { data, type HeadersFunction, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { can } from "../../core/identity/access";
import { ConfirmDialog } from "../components/confirm-dialog";
import { DataTable, EmptyState } from "../components/data-table";
import { Field, FormNotice, TextAreaField } from "../components/forms";
import { RefusalAlert } from "../components/refusal";
import { OrgStatusBadge } from "../components/organisation-bits";
import { i18nServer } from "../i18n.server";
import { actorOf, requirePermission } from "../lib/auth.server";
import { formatDateTime } from "../../core/time";
import type { Refusal } from "../lib/refusal";
import { refusalOf } from "../lib/refusal.server";
import { formText } from "../lib/form-data";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} · nplex` : "nplex" }];

/** Personal and operational data: never cached, never restored from the back/forward cache. */
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const principal = requirePermission(context, request, "organisation.review");
  const { identity } = context.services;
  const [all, t] = await Promise.all([identity.listOrganisations(), i18nServer.getFixedT(request)]);
  const pending = all.filter((org) => org.status === "pending");
  const members = await identity.membersOf(pending.map((org) => org.id));
  return {
    title: t("operator.orgsTitle"),
    canCreateOperator: can(principal, "user.create_operator"),
    pending: pending.map((org) => ({
      id: org.id,
      name: org.name,
      kind: org.kind,
      region: org.region,
      createdAt: org.createdAt.toISOString(),
      // One entry per person, with every role asked for.
      members: [...new Map(members.filter((m) => m.organisationId === org.id).map((m) => [m.userId, m])).values()].map((m) => ({
        userId: m.userId,
        email: m.email,
        displayName: m.displayName,
        disabled: m.disabledAt !== null,
        roles: members.filter((r) => r.organisationId === org.id && r.userId === m.userId).map((r) => r.role),
      })),
    })),
    // Newest first: the recent sign-ups are the ones an operator looks for.
    all: all
      .map((org) => ({
        id: org.id,
        name: org.name,
        kind: org.kind,
        region: org.region,
        status: org.status,
        createdAt: org.createdAt.toISOString(),
        decidedAt: org.decidedAt ? org.decidedAt.toISOString() : null,
      }))
      .reverse(),
  };
}

const actionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("decide"),
    organisationId: z.uuid(),
    decision: z.enum(["approved", "rejected"]),
    reason: z.string().trim().max(500).optional(),
  }),
  z.object({ intent: z.literal("createOperator") }),
]);

type ActionResult = {
  intent: string;
  refusal?: Refusal;
  notice?: "approved" | "rejected" | "operatorCreated";
  /** Whom the notice is about: an organisation's name or the new operator's email. */
  subject?: string;
  organisationId?: string;
  values?: { email?: string; displayName?: string };
};

export async function action({ request, context }: ActionFunctionArgs) {
  const principal = requirePermission(context, request, "organisation.review");
  const { identity } = context.services;
  const form = Object.fromEntries(await request.formData());
  const intent = formText(form, "intent");
  const reply = (body: Omit<ActionResult, "intent">, init?: ResponseInit) => data<ActionResult>({ intent, ...body }, init);
  const text = (name: string) => (typeof form[name] === "string" ? form[name] : undefined);
  try {
    const input = actionSchema.parse(form);
    if (input.intent === "decide") {
      const org = await identity.decideOrganisation(
        actorOf(principal),
        input.organisationId,
        input.decision,
        input.reason || undefined,
      );
      return reply({ notice: input.decision, subject: org.name });
    }
    requirePermission(context, request, "user.create_operator");
    const user = await identity.createOperator(principal, {
      email: text("email"),
      password: text("password"),
      displayName: text("displayName"),
    });
    return reply({ notice: "operatorCreated", subject: user.email });
  } catch (error) {
    if (error instanceof Response) throw error;
    const { status, refusal } = refusalOf(error);
    return reply(
      { refusal, organisationId: text("organisationId"), values: { email: text("email"), displayName: text("displayName") } },
      { status },
    );
  }
}

const section = "rounded-lg border border-slate-200 bg-white p-4 sm:p-6";

export default function OperatorOrganisations() {
  const { pending, all, canCreateOperator } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const date = (value: string) => formatDateTime(value, i18n.language);

  const decideFailure = result?.intent === "decide" && result.refusal ? result : null;
  const createFailure = result?.intent === "createOperator" && result.refusal ? result : null;
  const fieldError = (name: string, key: string) => (createFailure?.refusal?.fields?.[name] ? t(key) : undefined);

  const operatorForm = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (result?.notice === "operatorCreated") operatorForm.current?.reset();
  }, [result]);

  const notice =
    result?.notice === "approved"
      ? t("operator.approvedNotice", { name: result.subject })
      : result?.notice === "rejected"
        ? t("operator.rejectedNotice", { name: result.subject })
        : null;

  return (
    <div className="space-y-8">
      <header>
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{t("operator.orgsTitle")}</h1>
        <p className="mt-2 max-w-3xl text-slate-700">{t("operator.orgsIntro")}</p>
      </header>

      <section aria-labelledby="queue-heading">
        <h2 id="queue-heading" className="flex items-center gap-2 text-lg font-semibold">
          {t("operator.pendingQueue")}
          <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900 ring-1 ring-amber-300">
            {t("operator.waiting", { count: pending.length })}
          </span>
        </h2>
        <div className="mt-3 space-y-2">
          <RefusalAlert refusal={decideFailure?.refusal} messages="errors" />
          <FormNotice message={notice} focus={result} />
        </div>
        {pending.length === 0 ? (
          <EmptyState className="mt-3">{t("operator.noPending")}</EmptyState>
        ) : (
          <ul className="mt-3 grid gap-4 lg:grid-cols-2">
            {pending.map((org) => (
              <li key={org.id} className={section}>
                <article aria-labelledby={`org-${org.id}`}>
                  <h3 id={`org-${org.id}`} className="text-base font-semibold">
                    {org.name}
                  </h3>
                  <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
                    <dt className="text-slate-600">{t("operator.colKind")}</dt>
                    <dd>{t(`orgKind.${org.kind}`)}</dd>
                    <dt className="text-slate-600">{t("operator.colRegion")}</dt>
                    <dd>{org.region ?? <span className="text-slate-600">{t("common.notGiven")}</span>}</dd>
                    <dt className="text-slate-600">{t("operator.colCreated")}</dt>
                    <dd>{date(org.createdAt)}</dd>
                  </dl>
                  <h4 className="mt-4 text-sm font-semibold">{t("operator.people")}</h4>
                  {org.members.length === 0 ? (
                    <p className="mt-1 text-sm text-slate-600">{t("operator.noMembers")}</p>
                  ) : (
                    <ul className="mt-1 space-y-1 text-sm">
                      {org.members.map((m) => (
                        <li key={m.userId} className="flex flex-wrap gap-x-2">
                          <span className="font-medium">{m.displayName}</span>
                          <span className="break-all text-slate-700">{m.email}</span>
                          <span className="text-slate-600">
                            · {m.roles.map((r) => t(`role.${r}`)).join(t("common.listSeparator"))}
                          </span>
                          {m.disabled ? <span className="text-rose-700">· {t("operator.disabledUser")}</span> : null}
                        </li>
                      ))}
                    </ul>
                  )}
                  <div className="mt-4 flex flex-wrap gap-2 border-t border-slate-100 pt-4">
                    {(["approved", "rejected"] as const).map((decision) => {
                      const approve = decision === "approved";
                      const verb = approve ? t("operator.approve") : t("operator.reject");
                      return (
                        <ConfirmDialog
                          key={decision}
                          triggerLabel={verb}
                          triggerName={t("common.actionOn", { action: verb, subject: org.name })}
                          triggerTone={approve ? "primary" : "secondary"}
                          title={
                            approve
                              ? t("operator.confirmApprove", { name: org.name })
                              : t("operator.confirmReject", { name: org.name })
                          }
                          description={<p>{approve ? t("operator.approveBody") : t("operator.rejectBody")}</p>}
                          confirmLabel={verb}
                          tone={approve ? "primary" : "danger"}
                          intent="decide"
                          values={{ organisationId: org.id, decision }}
                        >
                          <TextAreaField
                            id={`reason-${decision}-${org.id}`}
                            name="reason"
                            label={t("operator.reason")}
                            hint={t("operator.reasonHint")}
                            maxLength={500}
                          />
                        </ConfirmDialog>
                      );
                    })}
                  </div>
                </article>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="all-heading">
        <h2 id="all-heading" className="text-lg font-semibold">
          {t("operator.all")}
        </h2>
        <div className="mt-3">
          <DataTable
            caption={t("operator.allCaption", { count: all.length })}
            rows={all}
            rowKey={(org) => org.id}
            columns={[
              { key: "name", header: t("operator.colName"), primary: true, cell: (org) => org.name },
              { key: "kind", header: t("operator.colKind"), cell: (org) => t(`orgKind.${org.kind}`) },
              { key: "region", header: t("operator.colRegion"), cell: (org) => org.region ?? "—" },
              { key: "status", header: t("operator.colStatus"), cell: (org) => <OrgStatusBadge status={org.status} /> },
              {
                key: "created",
                header: t("operator.colCreated"),
                cell: (org) => <span className="whitespace-nowrap">{date(org.createdAt)}</span>,
              },
              {
                key: "decided",
                header: t("operator.colDecided"),
                cell: (org) => (org.decidedAt ? <span className="whitespace-nowrap">{date(org.decidedAt)}</span> : "—"),
              },
            ]}
          />
        </div>
      </section>

      {canCreateOperator ? (
        <section aria-labelledby="operator-heading" className={`${section} max-w-2xl`}>
          <h2 id="operator-heading" className="text-lg font-semibold">
            {t("operator.createOperator")}
          </h2>
          <p className="mt-1 text-sm text-slate-700">{t("operator.createOperatorIntro")}</p>
          <Form ref={operatorForm} id="create-operator" method="post" preventScrollReset className="mt-4 flex flex-col gap-4">
            <RefusalAlert refusal={createFailure?.refusal} messages="errors" />
            <FormNotice
              message={result?.notice === "operatorCreated" ? t("operator.operatorCreated", { email: result.subject }) : null}
              focus={result}
            />
            <Field
              label={t("operator.operatorName")}
              name="displayName"
              id="operator-displayName"
              autoComplete="off"
              required
              maxLength={120}
              defaultValue={createFailure?.values?.displayName}
              error={fieldError("displayName", "forms.name")}
            />
            <Field
              label={t("auth.email")}
              name="email"
              id="operator-email"
              type="email"
              autoComplete="off"
              required
              defaultValue={createFailure?.values?.email}
              error={fieldError("email", "forms.email")}
            />
            <Field
              label={t("operator.initialPassword")}
              name="password"
              id="operator-password"
              type="password"
              autoComplete="new-password"
              required
              minLength={10}
              maxLength={200}
              hint={t("operator.initialPasswordHint")}
              error={fieldError("password", "forms.password")}
            />
            <div>
              <ConfirmDialog
                formId="create-operator"
                triggerLabel={t("operator.createOperatorSubmit")}
                triggerTone="primary"
                triggerSize="md"
                title={t("operator.confirmCreateOperator")}
                description={<p>{t("operator.confirmCreateOperatorBody")}</p>}
                confirmLabel={t("operator.createOperatorSubmit")}
                tone="danger"
                intent="createOperator"
              />
            </div>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
