import { z } from "zod";
import { organisationKinds, roles } from "../enums";

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: "Enter a valid email address" }));

export const passwordSchema = z
  .string()
  .min(10, { message: "Use at least 10 characters" })
  .max(200, { message: "Use at most 200 characters" });

/** Organisations that may sign themselves up; the platform's own is created by an operator. */
export const selfServiceKinds = organisationKinds.filter((k) => k !== "platform");

export const signUpSchema = z.object({
  side: z.enum(["investor", "seller"]),
  email: emailSchema,
  password: passwordSchema,
  displayName: z.string().trim().min(1, { message: "Enter your name" }).max(120),
  organisationName: z.string().trim().min(2, { message: "Enter your organisation's name" }).max(200),
  organisationKind: z.enum(selfServiceKinds as [string, ...string[]], { message: "Choose a kind of organisation" }),
  region: z.string().trim().max(100).optional(),
});

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, { message: "Enter your password" }).max(200),
});

export const createOrganisationSchema = z.object({
  name: z.string().trim().min(2).max(200),
  /** The Chinese name, shown to Chinese readers when given. */
  nameZh: z.string().trim().min(2).max(200).optional(),
  kind: z.enum(organisationKinds),
  region: z.string().trim().max(100).optional(),
  approved: z.boolean().default(false),
});

export const createUserSchema = z.object({
  email: emailSchema,
  password: passwordSchema,
  displayName: z.string().trim().min(1).max(120),
});

export const membershipSchema = z.object({
  userId: z.uuid(),
  organisationId: z.uuid(),
  role: z.enum(roles),
});

export type SignUpInput = z.infer<typeof signUpSchema>;
