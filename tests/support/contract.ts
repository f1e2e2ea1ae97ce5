import type { z } from "zod";

/**
 * Where `body` departs from what `schema` (the API's contract in core/contract) says it is, one
 * line per issue; none when it conforms. Tests assert that the list is empty, and read the body
 * itself afterwards: zod drops keys a schema does not name, so a check that something is absent
 * must look at what came, not at a parsed copy.
 */
export function mismatches(schema: z.ZodType, body: unknown): string[] {
  const parsed = schema.safeParse(body);
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`);
}
