import { z } from "zod";
import { alertKinds, type AlertKind } from "../alerts";

const choice = z.object({ inApp: z.boolean(), email: z.boolean() }).strict();

/** A user's alerts: for each, whether it shows in the app and whether it is e-mailed. */
export const alertSettingsSchema = z
  .object(Object.fromEntries(alertKinds.map((kind) => [kind, choice])) as Record<AlertKind, typeof choice>)
  .strict();
export type AlertSettings = z.infer<typeof alertSettingsSchema>;
