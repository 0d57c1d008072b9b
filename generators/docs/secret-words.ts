/**
 * How a configured value is shown without ever showing a secret: a `${env:NAME}` reference is named
 * by its variable (the value is never resolved), and a literal in a secret slot is not shown at all.
 */
const ONLY_REF = /^\$\{(?:env|secret):([A-Za-z_][A-Za-z0-9_]*)\}$/;
const ANY_REF = /\$\{(?:env|secret):([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** For auth fields and other secret slots. */
export function secretSource(value: string): string {
  const name = ONLY_REF.exec(value)?.[1];
  if (name !== undefined) return `the environment variable \`${name}\``;
  const names = [...value.matchAll(ANY_REF)].map((m) => `\`${m[1]}\``);
  if (names.length > 0) return `a value built from the environment variable(s) ${names.join(", ")}`;
  return "a literal in the artifact (not shown)";
}

/** For headers and query values: plain values are shown, any with a reference only names it. */
export function plainOrRef(value: string | number | boolean): string {
  if (typeof value !== "string") return String(value);
  return value.includes("${") ? `(${secretSource(value)})` : JSON.stringify(value);
}
