import { type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { buttonStyle, FormNotice } from "../components/forms";
import { ListingCard } from "../components/listing-card";
import { i18nServer } from "../i18n.server";
import { requirePermission } from "../lib/auth.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} · nplex` : "nplex" }];

export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const principal = requirePermission(context, request, "investor.register");
  const { listings, notifications } = context.services;
  const [ids, t] = await Promise.all([notifications.watchedIds(principal), i18nServer.getFixedT(request)]);
  return { title: t("watchlist.title"), listings: await listings.listByIds(ids) };
}

const actionSchema = z.object({ intent: z.literal("unwatch"), listingId: z.uuid(), title: z.string().max(300).default("") });

export async function action({ request, context }: ActionFunctionArgs) {
  const principal = requirePermission(context, request, "investor.register");
  const parsed = actionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) throw new Response("Bad request", { status: 400 });
  await context.services.notifications.watch(principal, parsed.data.listingId, false);
  return { removed: parsed.data.title };
}

export default function Watchlist() {
  const { listings } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const navigation = useNavigation();
  const removing = navigation.state !== "idle" ? navigation.formData?.get("listingId") : null;

  return (
    <div>
      <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{t("watchlist.title")}</h1>
      <p className="mt-2 max-w-3xl text-slate-700">{t("watchlist.intro")}</p>
      <div className="mt-4">
        <FormNotice message={result ? t("watchlist.removed", { title: result.removed }) : null} focus={result} />
      </div>
      {listings.length === 0 ? (
        <div
          className="mt-8 rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center"
          data-testid="watchlist-empty"
        >
          <p className="text-slate-700">{t("watchlist.empty")}</p>
          <Link to="/" className="mt-3 inline-block text-brand-700 underline">
            {t("watchlist.browse")}
          </Link>
        </div>
      ) : (
        <>
          <p className="mt-4 text-sm text-slate-600">{t("watchlist.count", { count: listings.length })}</p>
          <ul className="mt-3 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {listings.map((listing) => (
              <li key={listing.id} className="flex flex-col gap-2">
                <ListingCard listing={listing} />
                <Form method="post" preventScrollReset>
                  <input type="hidden" name="listingId" value={listing.id} />
                  <input type="hidden" name="title" value={listing.title} />
                  <button
                    type="submit"
                    name="intent"
                    value="unwatch"
                    disabled={removing === listing.id}
                    aria-label={t("watchlist.unwatchName", { title: listing.title })}
                    className={buttonStyle("secondary", "sm")}
                  >
                    {t("watchlist.unwatch")}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
