import type { Principal } from "../../core/identity/access";
import type { AppLoadContext } from "@remix-run/node";
import { requestFromValues, type AssetFormValues } from "./asset-form";
import { refusalOf } from "./refusal.server";
import type { Refusal } from "./refusal";

export interface AssetFormFailure {
  refusal: Refusal;
  values: AssetFormValues;
}

/**
 * Sends the form's asset to the assets service (`create`, or `update` of `id`): its answer, or the
 * refusal the form shows with what was typed. An amount that is not one reads as such, in the
 * person's terms, whatever the service said of it.
 */
export async function saveAsset(
  context: AppLoadContext,
  principal: Principal,
  values: AssetFormValues,
  id?: string,
): Promise<{ ok: true; id: string } | { ok: false; status: number; failure: AssetFormFailure }> {
  const { request, badAmounts } = requestFromValues(values);
  const { commands } = context.services.assets;
  try {
    const asset = id ? await commands.update(principal, id, request) : await commands.create(principal, request);
    return { ok: true, id: asset.id };
  } catch (error) {
    const { status, refusal } = refusalOf(error);
    for (const name of badAmounts) {
      refusal.fields = { ...refusal.fields, [name]: { code: "AMOUNT" } };
    }
    return { ok: false, status, failure: { refusal, values } };
  }
}
