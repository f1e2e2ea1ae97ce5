import type { LoaderFunctionArgs } from "@remix-run/node";
import { api, methodNotAllowed } from "../lib/api.server";

export const loader = ({ context }: LoaderFunctionArgs) =>
  api(context, () => {
    const now = context.services.clock.now();
    return { serverTime: now.toISOString(), epochMs: now.getTime() };
  });

export const action = methodNotAllowed;
