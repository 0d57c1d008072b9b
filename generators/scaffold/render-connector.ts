import type { ConnectorPlan, CredentialPlan, EndpointPlan, ParameterPlan } from "./plan.js";
import { renderMapBody } from "./render-fields.js";
import { authCall, paginationCall, tsKey, tsLiteral } from "./render-values.js";

const HELPERS = [
  "cents",
  "fromCents",
  "date",
  "lookup",
  "coalesce",
  "round",
  "parseNumber",
  "parseInteger",
  "concat",
  "join",
  "split",
];

/** `{ "xero-tenant-id": env("XERO_TENANT_ID") }`: entries whose values are code, not literals. */
function objectCode(entries: readonly [string, string][]): string {
  return `{ ${entries.map(([key, code]) => `${tsKey(key)}: ${code}`).join(", ")} }`;
}

/** Credentials an AND requirement adds to the auth: headers and query values of every request. */
function credentialLines(credentials: readonly CredentialPlan[], use: (n: string) => void): string {
  const lines: string[] = [];
  for (const where of ["header", "query"] as const) {
    const these = credentials.filter((c) => c.in === where);
    if (these.length === 0) continue;
    use("secret");
    const code = objectCode(these.map((c) => [c.name, `secret(${JSON.stringify(c.secret)})`]));
    lines.push(`\n  ${where === "header" ? "headers" : "query"}: ${code},`);
  }
  return lines.join("");
}

function apiDeclaration(name: string, typeName: string, endpoint: EndpointPlan, use: (n: string) => void): string {
  const auth = endpoint.auth ? `\n  auth: ${authCall(endpoint.auth, use)},` : "";
  const credentials = credentialLines(endpoint.credentials ?? [], use);
  const notes = endpoint.notes.filter((n) => n.startsWith("auth:")).map((n) => `\n  // ${n}`);
  return `const ${name} = api<${typeName}>({\n  baseUrl: ${tsLiteral(endpoint.baseUrl)},${notes.join("")}${auth}${credentials}\n});`;
}

function valueCode(value: ParameterPlan["value"], use: (n: string) => void): string {
  if ("literal" in value) return tsLiteral(value.literal);
  use("env");
  return `env(${JSON.stringify(value.env)})`;
}

/**
 * `query:`/`headers:` option lines for the parameters the spec requires, with a comment naming the
 * configuration to provide: a run without it stops before any request (unset variable).
 */
function parameterOptions(parameters: readonly ParameterPlan[], use: (n: string) => void): string[] {
  const lines: string[] = [];
  const toFill = parameters.flatMap((p) => ("env" in p.value ? [p.value.env] : []));
  if (toFill.length > 0) lines.push(`// required by the spec: set ${toFill.join(", ")} in the environment`);
  for (const where of ["query", "header"] as const) {
    const these = parameters.filter((p) => p.in === where);
    if (these.length === 0) continue;
    const code = objectCode(these.map((p) => [p.name, valueCode(p.value, use)]));
    lines.push(`${where === "header" ? "headers" : "query"}: ${code},`);
  }
  return lines;
}

/** The typed DSL file of a generated connector: reads like one written by hand, decisions annotated. */
export function renderConnector(plan: ConnectorPlan, header: string[]): string {
  const used = new Set<string>(["api", "connector"]);
  const use = (name: string) => used.add(name);
  const { source, target } = plan;

  const sourceOptions: string[] = [];
  if (source.pathParams) {
    use("env");
    const names = Object.values(source.pathParams);
    sourceOptions.push(`// the path's parameters: set ${names.join(", ")} in the environment`);
    sourceOptions.push(
      `pathParams: ${objectCode(Object.entries(source.pathParams).map(([param, name]) => [param, `env(${JSON.stringify(name)})`]))},`,
    );
  }
  sourceOptions.push(...parameterOptions(source.parameters ?? [], use));
  if (source.records) sourceOptions.push(`records: ${tsLiteral(source.records)},`);
  for (const note of source.notes.filter((n) => n.startsWith("pagination:"))) sourceOptions.push(`// ${note}`);
  if (source.pagination) sourceOptions.push(`pagination: ${paginationCall(source.pagination, use)},`);
  sourceOptions.push(`schedule: ${tsLiteral(source.schedule)},`);

  const targetOptions: string[] = [...parameterOptions(target.parameters ?? [], use)];
  if (target.encoding) targetOptions.push(`encoding: ${tsLiteral(target.encoding)},`);
  if (target.batch) targetOptions.push(`batch: ${tsLiteral(target.batch)},`);
  if (target.idempotencyField) targetOptions.push(`idempotency: { key: (t) => t.${target.idempotencyField} },`);

  const mapBody = renderMapBody(plan.fields, "  ", use);
  for (const helper of HELPERS) if (new RegExp(`\\b${helper}[.(]`).test(mapBody)) use(helper);
  const constants = Object.entries(plan.constants).map(
    ([name, table]) => `const ${name} = ${tsLiteral(table)} as const;`,
  );
  const apis = [apiDeclaration("source", "Source", source, use), apiDeclaration("target", "Target", target, use)];

  return [
    ...header.map((line) => `// ${line}`),
    `import { ${[...used].sort().join(", ")} } from "cannectors";`,
    `import type { paths as Source } from ${tsLiteral(source.typesImport)};`,
    `import type { paths as Target } from ${tsLiteral(target.typesImport)};`,
    "",
    ...(constants.length > 0 ? [...constants, ""] : []),
    ...apis,
    "",
    `export default connector({ name: ${tsLiteral(plan.name)} })`,
    "  .from(",
    `    source.${source.method}(${tsLiteral(source.path)}, {`,
    ...sourceOptions.map((line) => `      ${line}`),
    "    }),",
    "  )",
    "  .to(",
    ...(targetOptions.length === 0
      ? [`    target.${target.method}(${tsLiteral(target.path)}),`]
      : [
          `    target.${target.method}(${tsLiteral(target.path)}, {`,
          ...targetOptions.map((line) => `      ${line}`),
          "    }),",
        ]),
    "  )",
    `  .map((r) => (${mapBody}));`,
    "",
  ].join("\n");
}
