/**
 * `cannectors import`: an artifact → a DSL file whose build gives back the same canonical YAML.
 * Exact rather than idiomatic: untyped `api(...)`, every expression as `cel("...")`.
 */
import type { Auth, Connector, Filter, HttpInput, HttpOutput, WebhookInput } from "../../runtime/artifact/index.js";
import { inputCall } from "../../runtime/modules/input-http/import.js";
import { webhookCall } from "../../runtime/modules/input-webhook/import.js";
import { outputCall } from "../../runtime/modules/output-http/import.js";
import { compareKeys } from "../emit/index.js";
import { type ImportContext, maybe, optionsLiteral as options, type Written } from "./contract.js";
import { filterCall } from "./import-filters.js";
import { pathsTypes } from "./paths-type.js";
import { literal, secretString } from "./ts-literals.js";

function authCall(auth: Auth, context: ImportContext): string {
  context.use(auth.type);
  const s = (value: string) => secretString(value, context.use);
  const raw = auth as Written<Auth> & Record<string, unknown>;
  switch (auth.type) {
    case "apiKey":
      return `apiKey(${options([
        ["in", raw.in === undefined ? undefined : literal(raw.in)],
        ["name", literal(auth.name)],
        ["value", s(auth.value)],
      ])})`;
    case "bearer":
      return `bearer(${s(auth.token)})`;
    case "basic":
      return `basic(${options([
        ["username", s(auth.username)],
        ["password", s(auth.password)],
      ])})`;
    case "oauth2ClientCredentials":
      return `oauth2ClientCredentials(${options([
        ["tokenUrl", secretString(auth.tokenUrl, context.use, "config")],
        ["clientId", s(auth.clientId)],
        ["clientSecret", s(auth.clientSecret)],
        ["scopes", raw.scopes === undefined ? undefined : literal(raw.scopes)],
        ["audience", raw.audience === undefined ? undefined : literal(raw.audience)],
        ["clientAuth", raw.clientAuth === undefined ? undefined : literal(raw.clientAuth)],
        ["refreshBefore", raw.refreshBefore === undefined ? undefined : literal(raw.refreshBefore)],
      ])})`;
    case "oauth2AuthorizationCode":
      return `oauth2AuthorizationCode(${options([
        ["authorizationUrl", secretString(auth.authorizationUrl, context.use, "config")],
        ["tokenUrl", secretString(auth.tokenUrl, context.use, "config")],
        ["clientId", s(auth.clientId)],
        ["clientSecret", auth.clientSecret === undefined ? undefined : s(auth.clientSecret)],
        ["scopes", raw.scopes === undefined ? undefined : literal(raw.scopes)],
        ["clientAuth", raw.clientAuth === undefined ? undefined : literal(raw.clientAuth)],
        ["authorizationParams", raw.authorizationParams === undefined ? undefined : literal(raw.authorizationParams)],
        ["redirectPort", raw.redirectPort === undefined ? undefined : literal(raw.redirectPort)],
        ["refreshBefore", raw.refreshBefore === undefined ? undefined : literal(raw.refreshBefore)],
      ])})`;
  }
}

function apiDeclaration(
  name: string,
  paths: string,
  io: Written<HttpInput> | Written<HttpOutput>,
  context: ImportContext,
): string {
  context.use("api");
  const auth = io.auth === undefined ? undefined : authCall(io.auth, context);
  return `const ${name} = api<${paths}>(${options([
    ["baseUrl", maybe(io.baseUrl, (v: string) => secretString(v, context.use, "config"))],
    ["auth", auth],
  ])});`;
}

export interface ImportOptions {
  /** Named in the header comment: the YAML file, relative to the generated file. */
  sourceLabel: string;
}

/** TypeScript source of a connector module equivalent to `artifact` (a parsed, valid artifact as written). */
export function importArtifact(document: Readonly<Record<string, unknown>>, importOptions: ImportOptions): string {
  const artifact = document as Written<Connector>;
  const used = new Set<string>(["connector"]);
  const constants: string[] = [];
  const context: ImportContext = {
    use: (name) => used.add(name),
    constant: (value) => {
      const name = `VALUE_${constants.length + 1}`;
      constants.push(`const ${name} = ${literal(value)} as const;`);
      return name;
    },
  };
  const webhook = artifact.input?.type === "webhook" ? (artifact.input as Written<WebhookInput>) : undefined;
  const input = (artifact.input ?? {}) as Written<HttpInput>;
  const output = (artifact.output ?? {}) as Written<HttpOutput>;
  const declarations = [
    ...pathsTypes(webhook ? undefined : input, output),
    "",
    ...(webhook ? [] : [apiDeclaration("source", "SourcePaths", input, context)]),
    apiDeclaration("target", "TargetPaths", output, context),
  ];
  const from = webhook ? webhookCall(webhook, context) : inputCall(input, context);
  const to = outputCall(output, context);
  const filters = ((artifact.filters ?? []) as Filter[]).map((f) => filterCall(f, context)).join("");
  const settings = artifact.settings === undefined ? "" : `\n  .settings(${literal(artifact.settings)})`;
  const metadata = literal(artifact.metadata ?? {});
  const names = [...used].sort(compareKeys);
  return [
    `// Imported from ${importOptions.sourceLabel} by cannectors import. Edit this file, then run cannectors build.`,
    `import { ${names.join(", ")} } from "cannectors";`,
    "",
    ...(constants.length > 0 ? [...constants, ""] : []),
    ...declarations,
    "",
    `export default connector(${metadata})\n  .from(${from})\n  .to(${to})${filters}${settings};`,
    "",
  ].join("\n");
}
