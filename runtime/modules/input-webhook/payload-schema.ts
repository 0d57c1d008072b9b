import * as z from "zod";

export type PayloadCheck = (value: unknown) => string | undefined;

/** Compiles `input.schema` (a JSON Schema) once; the check says what is wrong with a payload, or nothing. */
export function compilePayloadSchema(schema: Record<string, unknown> | undefined): PayloadCheck {
  if (schema === undefined) return () => undefined;
  const compiled = z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]);
  return (value) => {
    const result = compiled.safeParse(value);
    if (result.success) return undefined;
    const issue = result.error.issues[0];
    const where = issue?.path.length ? issue.path.join(".") : "(body)";
    return `the body does not match input.schema at ${where}: ${issue?.message ?? "invalid"}`;
  };
}
