import type { LoaderFunctionArgs } from "@remix-run/node";
import { activeRoles } from "../../core/identity/access";
import { requireApiPermission } from "../lib/auth.server";
import { api, methodNotAllowed } from "../lib/api.server";

/** Who the presented credentials belong to: lets an integrator check a token. */
export const loader = ({ context }: LoaderFunctionArgs) =>
  api(context, () => {
    const principal = requireApiPermission(context, "account.manage");
    return {
      user: { id: principal.userId, email: principal.email, displayName: principal.displayName },
      via: principal.via,
      organisations: principal.memberships.map((m) => ({
        id: m.organisationId,
        name: m.organisationName,
        kind: m.organisationKind,
        status: m.organisationStatus,
        role: m.role,
        active: activeRoles(principal, m.organisationId).has(m.role),
      })),
    };
  });

export const action = methodNotAllowed;
