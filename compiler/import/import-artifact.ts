/**
 * `cannectors import`: an artifact → a DSL file whose build gives back the same canonical YAML.
 * Exact rather than idiomatic: untyped `api(...)`, every expression as `cel("...")`.
 */
import type { z } from "zod";
import type { Auth } from "../../runtime/auth/schema.js";
import { inputCall } from "../../runtime/modules/input-http/import.js";
import { sqlInputCall } from "../../runtime/modules/input-sql/import.js";
import { webhookCall } from "../../runtime/modules/input-webhook/import.js";
import { outputCall } from "../../runtime/modules/output-http/import.js";
import type { HttpOutput } from "../../runtime/modules/output-http/schema.js";
import { compareKeys } from "../emit/index.js";
import { amqpQueueCall, mqttTopicsCall, natsStreamCall, redisStreamCall } from "./import-broker.js";
import type { ConnectorInput } from "../lower/contract.js";
import { type ImportContext, maybe, optionsLiteral as options } from "./contract.js";
import { filterCall } from "./import-filters.js";
import { outputTreeCall } from "./import-outputs.js";
import { pathsTypes } from "./paths-type.js";
import { literal, secretString } from "./ts-literals.js";

function authCall(auth: z.input<typeof Auth>, context: ImportContext): string {
  context.use(auth.type);
  const s = (value: string) => secretString(value, context.use);
  switch (auth.type) {
    case "apiKey":
      return `apiKey(${options([
        ["in", auth.in === undefined ? undefined : literal(auth.in)],
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
        ["scopes", auth.scopes === undefined ? undefined : literal(auth.scopes)],
        ["audience", auth.audience === undefined ? undefined : literal(auth.audience)],
        ["clientAuth", auth.clientAuth === undefined ? undefined : literal(auth.clientAuth)],
        ["refreshBefore", auth.refreshBefore === undefined ? undefined : literal(auth.refreshBefore)],
      ])})`;
    case "oauth2AuthorizationCode":
      return `oauth2AuthorizationCode(${options([
        ["authorizationUrl", secretString(auth.authorizationUrl, context.use, "config")],
        ["tokenUrl", secretString(auth.tokenUrl, context.use, "config")],
        ["clientId", s(auth.clientId)],
        ["clientSecret", auth.clientSecret === undefined ? undefined : s(auth.clientSecret)],
        ["scopes", auth.scopes === undefined ? undefined : literal(auth.scopes)],
        ["clientAuth", auth.clientAuth === undefined ? undefined : literal(auth.clientAuth)],
        ["authorizationParams", auth.authorizationParams === undefined ? undefined : literal(auth.authorizationParams)],
        ["redirectPort", auth.redirectPort === undefined ? undefined : literal(auth.redirectPort)],
        ["refreshBefore", auth.refreshBefore === undefined ? undefined : literal(auth.refreshBefore)],
      ])})`;
  }
}

function apiDeclaration(
  name: string,
  paths: string,
  io: { baseUrl: string; auth?: z.input<typeof Auth> | undefined },
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
export function importArtifact(artifact: ConnectorInput, importOptions: ImportOptions): string {
  const used = new Set<string>(["connector"]);
  const constants: string[] = [];
  const context: ImportContext = {
    use: (name) => used.add(name),
    constant: (value) => {
      const name = `VALUE_${constants.length + 1}`;
      constants.push(`const ${name} = ${literal(value)} as const;`);
      return name;
    },
    api: (spec) => {
      context.use("api");
      return `api(${options([
        ["baseUrl", maybe(spec.baseUrl, (v: string) => secretString(v, context.use, "config"))],
        ["auth", spec.auth === undefined ? undefined : authCall(spec.auth as Auth, context)],
      ])})`;
    },
  };
  const { input, output } = artifact;
  const source = input.type === "http" ? input : undefined;
  // One api per HTTP output: `target` for a single one, `target1`, `target2`... for those a routes, fanout or fallback holds;
  // a broker output is one call with no api(...) declaration and no paths type.
  const targets: { name: string; paths: string; output: z.input<typeof HttpOutput> }[] = [];
  const leaf = (http: z.input<typeof HttpOutput>, name: string) => {
    targets.push({ name, paths: name.replace("target", "TargetPaths"), output: http });
    return outputCall(http, context, name);
  };
  const to =
    output.type === undefined || output.type === "http"
      ? leaf(output as z.input<typeof HttpOutput>, "target")
      : outputTreeCall(output as never, context, (http) => leaf(http as never, `target${targets.length + 1}`));
  const declarations = [
    ...pathsTypes(source, targets),
    "",
    ...(source ? [apiDeclaration("source", "SourcePaths", source, context)] : []),
    ...targets.map((target) => apiDeclaration(target.name, target.paths, target.output, context)),
  ];
  const from =
    input.type === "http"
      ? inputCall(input, context)
      : input.type === "sql"
        ? sqlInputCall(input, context)
        : input.type === "webhook"
          ? webhookCall(input, context)
          : input.type === "nats"
            ? natsStreamCall(input, context)
            : input.type === "redis"
              ? redisStreamCall(input, context)
              : input.type === "mqtt"
                ? mqttTopicsCall(input, context)
                : amqpQueueCall(input, context);
  const filters = (artifact.filters ?? []).map((f) => filterCall(f, context)).join("");
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
