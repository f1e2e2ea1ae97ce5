import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ClosingPageHeader } from "../components/closing-page-header";
import { DataTable } from "../components/data-table";
import { buttonStyle, Field, FormNotice } from "../components/forms";
import { useDates } from "../components/investing-bits";
import { RefusalAlert, useFieldError } from "../components/refusal";
import { i18nServer } from "../i18n.server";
import { requirePermission } from "../lib/auth.server";
import { formText } from "../lib/form-data";
import { refusalOf } from "../lib/refusal.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} · nplex` : "nplex" }];

export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const principal = requirePermission(context, request, "account.manage");
  const id = params.id ?? "";
  const [t, listing] = await Promise.all([i18nServer.getFixedT(request), context.services.listings.getPublic(id)]);
  const checklist = await context.services.handover.checklist(principal, id).catch((error: unknown) => {
    throw new Response("Not found", { status: refusalOf(error).status });
  });
  return {
    title: t("closing.handover.title"),
    listingTitle: listing?.title ?? "",
    checklist: {
      ...checklist,
      items: checklist.items.map((i) => ({
        ...i,
        deliveredAt: i.deliveredAt?.toISOString() ?? null,
        confirmedAt: i.confirmedAt?.toISOString() ?? null,
      })),
    },
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const principal = requirePermission(context, request, "account.manage");
  const form = await request.formData();
  const intent = formText(form, "intent");
  const id = params.id ?? "";
  const { handover } = context.services;
  try {
    if (intent === "add") await handover.add(principal, id, { label: form.get("label") });
    else if (intent === "deliver") await handover.deliver(principal, id, formText(form, "itemId"));
    else if (intent === "confirm") await handover.confirm(principal, id, formText(form, "itemId"));
    else return data({ done: null, refusal: { code: "BAD_REQUEST" } }, { status: 400 });
    return data({ done: intent, refusal: null });
  } catch (error) {
    const { status, refusal } = refusalOf(error);
    return data({ done: null, refusal }, { status });
  }
}

export default function HandoverPage() {
  const { checklist, listingTitle } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const { dateTime } = useDates();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const fieldError = useFieldError(result?.refusal, "forms", "closing.agreement.errors");
  const nameOf = (item: (typeof checklist.items)[number]) =>
    item.kind === "document" || item.kind === "other" ? (item.label ?? "") : t(`closing.handover.kind.${item.kind}`);
  const confirmed = checklist.items.filter((i) => i.confirmedAt).length;
  const open = checklist.listingStatus === "contracted" || checklist.listingStatus === "paid";

  return (
    <div className="mx-auto max-w-4xl">
      <ClosingPageHeader
        listingId={checklist.listingId}
        title={t("closing.handover.title")}
        listingTitle={listingTitle}
        intro={t("closing.handover.intro")}
      />

      <div className="mt-4 space-y-2">
        <FormNotice
          message={
            result?.done
              ? checklist.listingStatus === "closed"
                ? t("closing.handover.closed")
                : t(`closing.handover.${result.done === "add" ? "added" : result.done === "deliver" ? "delivered" : "confirmed"}`)
              : null
          }
          focus={result}
        />
        <RefusalAlert refusal={result?.refusal ?? null} messages="closing.agreement.errors" />
      </div>

      <p className="mt-4 text-sm font-medium text-slate-800" data-testid="handover-progress">
        {checklist.listingStatus === "closed"
          ? t("closing.handover.closed")
          : t("closing.handover.progress", { confirmed, total: checklist.items.length })}
      </p>
      {!open && checklist.listingStatus === "awarded" ? (
        <p className="mt-1 text-sm text-slate-700">{t("closing.handover.waitForAgreement")}</p>
      ) : null}

      <div className="mt-3">
        <DataTable
          caption={t("closing.handover.caption")}
          rows={checklist.items}
          rowKey={(i) => i.id}
          columns={[
            { key: "item", header: t("closing.handover.colItem"), cell: (i) => nameOf(i), primary: true },
            {
              key: "delivered",
              header: t("closing.handover.colDelivered"),
              cell: (i) =>
                i.deliveredAt ? (
                  dateTime(i.deliveredAt)
                ) : checklist.canDeliver ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="deliver" />
                    <input type="hidden" name="itemId" value={i.id} />
                    <button
                      type="submit"
                      className={buttonStyle("secondary", "sm")}
                      disabled={busy}
                      aria-label={t("closing.handover.deliverName", { item: nameOf(i) })}
                    >
                      {t("closing.handover.deliver")}
                    </button>
                  </Form>
                ) : (
                  t("closing.handover.pending")
                ),
            },
            {
              key: "confirmed",
              header: t("closing.handover.colConfirmed"),
              cell: (i) =>
                i.confirmedAt ? (
                  dateTime(i.confirmedAt)
                ) : checklist.canConfirm && i.deliveredAt ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="confirm" />
                    <input type="hidden" name="itemId" value={i.id} />
                    <button
                      type="submit"
                      className={buttonStyle("primary", "sm")}
                      disabled={busy}
                      aria-label={t("closing.handover.confirmName", { item: nameOf(i) })}
                    >
                      {t("closing.handover.confirm")}
                    </button>
                  </Form>
                ) : (
                  t("closing.handover.pending")
                ),
            },
          ]}
        />
      </div>

      {checklist.canAdd ? (
        <Form
          method="post"
          className="mt-6 space-y-3 rounded-lg border border-slate-200 bg-white p-4 sm:p-5"
          aria-labelledby="add-heading"
        >
          <h2 id="add-heading" className="text-lg font-semibold">
            {t("closing.handover.addHeading")}
          </h2>
          <input type="hidden" name="intent" value="add" />
          <Field
            label={t("closing.handover.addLabel")}
            name="label"
            required
            minLength={2}
            maxLength={300}
            error={fieldError("label")}
          />
          <button type="submit" className={buttonStyle("secondary")} disabled={busy}>
            {t("closing.handover.add")}
          </button>
        </Form>
      ) : null}
    </div>
  );
}
