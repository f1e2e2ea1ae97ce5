import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { isLocale } from "../i18n";
import { localeCookie } from "../i18n.server";
import { safeRedirect } from "../lib/auth.server";

/** The language switch: remembered in a cookie for a year. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const locale = form.get("locale");
  const to = safeRedirect(form.get("redirectTo"));
  if (!isLocale(locale)) return redirect(to);
  return redirect(to, { headers: { "Set-Cookie": await localeCookie.serialize(locale) } });
}

export const loader = () => redirect("/");
