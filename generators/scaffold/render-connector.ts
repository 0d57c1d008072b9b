import type { ConnectorPlan, EndpointPlan } from "./plan.js";
import { renderMapBody } from "./render-fields.js";
import { authCall, paginationCall, tsLiteral } from "./render-values.js";

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

function apiDeclaration(name: string, typeName: string, endpoint: EndpointPlan, use: (n: string) => void): string {
  const auth = endpoint.auth ? `\n  auth: ${authCall(endpoint.auth, use)},` : "";
  const notes = endpoint.notes.filter((n) => n.startsWith("auth:")).map((n) => `\n  // ${n}`);
  return `const ${name} = api<${typeName}>({\n  baseUrl: ${tsLiteral(endpoint.baseUrl)},${notes.join("")}${auth}\n});`;
}

/** The typed DSL file of a generated connector: reads like one written by hand, decisions annotated. */
export function renderConnector(plan: ConnectorPlan, header: string[]): string {
  const used = new Set<string>(["api", "connector"]);
  const use = (name: string) => used.add(name);
  const { source, target } = plan;

  const sourceOptions: string[] = [];
  if (source.records) sourceOptions.push(`records: ${tsLiteral(source.records)},`);
  for (const note of source.notes.filter((n) => n.startsWith("pagination:"))) sourceOptions.push(`// ${note}`);
  if (source.pagination) sourceOptions.push(`pagination: ${paginationCall(source.pagination, use)},`);
  sourceOptions.push(`schedule: ${tsLiteral(source.schedule)},`);

  const targetOptions: string[] = [];
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
