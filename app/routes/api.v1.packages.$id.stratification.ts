import type { LoaderFunctionArgs } from "@remix-run/node";
import { can } from "../../core/identity/access";
import { api } from "../lib/api.server";
import { AppError } from "../lib/refusal.server";

/**
 * GET: the package's stratification. Anyone, once a listing of the package is public (aggregates
 * only); the seller's own staff at any time.
 */
export const loader = ({ params, context }: LoaderFunctionArgs) =>
  api(context, async () => {
    const { packages } = context.services;
    const id = params.id ?? "";
    const { principal } = context;
    if (principal.kind === "user" && can(principal, "seller.listings.read")) {
      try {
        return { stratification: await packages.stratification(principal, id) };
      } catch (error) {
        if (!AppError.is(error) || error.code !== "NOT_FOUND") throw error;
      }
    }
    return { stratification: await packages.publicStratification(id) };
  });
