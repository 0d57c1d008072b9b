import { childPointer, isRecord, resolvePointer } from "./pointer.js";
import type { ProblemList } from "./problems.js";

type Json = Record<string, unknown>;

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch"];
const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

/**
 * Swagger 2.0 → the OpenAPI 3.0 shape. Schemas are left where they are: `definitions` stays in the
 * converted document (and is also `components.schemas`), so every `#/definitions/X` ref still resolves
 * and external files need no rewriting.
 */
export function convertSwagger2(doc: Json, file: string, problems: ProblemList): Json {
  const produces = stringList(doc.produces) ?? ["application/json"];
  const consumes = stringList(doc.consumes) ?? ["application/json"];
  const out: Json = {
    openapi: "3.0.3",
    info: doc.info,
    servers: servers(doc),
    definitions: doc.definitions,
    components: {
      schemas: isRecord(doc.definitions) ? doc.definitions : {},
      securitySchemes: securitySchemes(doc.securityDefinitions),
    },
    security: doc.security,
    paths: {},
  };
  if (!isRecord(doc.paths)) return { ...out, paths: doc.paths };
  const paths: Json = {};
  for (const [path, item] of Object.entries(doc.paths)) {
    if (!isRecord(item)) {
      paths[path] = item;
      continue;
    }
    const converted: Json = {};
    const shared = resolveParams(doc, item.parameters, childPointer("#/paths", path, "parameters"), file, problems);
    if (shared.length > 0)
      converted.parameters = shared.filter((p) => p.in !== "body" && p.in !== "formData").map(parameter);
    for (const method of METHODS) {
      const op = item[method];
      if (!isRecord(op)) continue;
      const at = childPointer("#/paths", path, method);
      const own = resolveParams(doc, op.parameters, childPointer(at, "parameters"), file, problems);
      const all = [...shared.filter((s) => !own.some((o) => o.name === s.name && o.in === s.in)), ...own];
      const opConsumes = stringList(op.consumes) ?? consumes;
      const opProduces = stringList(op.produces) ?? produces;
      const { parameters: _p, consumes: _c, produces: _pr, responses, ...rest } = op;
      const next: Json = {
        ...rest,
        parameters: own.filter((p) => p.in !== "body" && p.in !== "formData").map(parameter),
      };
      const body = requestBody(all, opConsumes);
      if (body) next.requestBody = body;
      next.responses = isRecord(responses) ? convertResponses(doc, responses, opProduces) : responses;
      converted[method] = next;
    }
    paths[path] = converted;
  }
  out.paths = paths;
  return out;
}

function servers(doc: Json): Json[] {
  if (typeof doc.host !== "string" || doc.host === "") {
    return typeof doc.basePath === "string" ? [{ url: doc.basePath }] : [];
  }
  const schemes = stringList(doc.schemes) ?? ["https"];
  const basePath = typeof doc.basePath === "string" ? doc.basePath.replace(/\/$/, "") : "";
  return schemes.map((scheme) => ({ url: `${scheme}://${doc.host}${basePath}` }));
}

function securitySchemes(raw: unknown): Json {
  if (!isRecord(raw)) return {};
  const out: Json = {};
  for (const [name, def] of Object.entries(raw)) {
    if (!isRecord(def)) continue;
    if (def.type === "basic") out[name] = { type: "http", scheme: "basic", description: def.description };
    else if (def.type === "apiKey")
      out[name] = { type: "apiKey", in: def.in, name: def.name, description: def.description };
    else if (def.type === "oauth2") {
      const flowName =
        def.flow === "application"
          ? "clientCredentials"
          : def.flow === "accessCode"
            ? "authorizationCode"
            : String(def.flow ?? "implicit");
      const flow: Json = { scopes: isRecord(def.scopes) ? def.scopes : {} };
      if (def.tokenUrl !== undefined) flow.tokenUrl = def.tokenUrl;
      if (def.authorizationUrl !== undefined) flow.authorizationUrl = def.authorizationUrl;
      out[name] = { type: "oauth2", flows: { [flowName]: flow }, description: def.description };
    } else out[name] = def;
  }
  return out;
}

function resolveParams(doc: Json, raw: unknown, at: string, file: string, problems: ProblemList): Json[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    problems.add(file, at, "parameters must be an array");
    return [];
  }
  const out: Json[] = [];
  raw.forEach((p, i) => {
    const target =
      isRecord(p) && typeof p.$ref === "string" && p.$ref.startsWith("#") ? resolvePointer(doc, p.$ref) : p;
    if (!isRecord(target)) {
      const what =
        isRecord(p) && typeof p.$ref === "string"
          ? `$ref "${p.$ref}" points to nothing`
          : "a parameter must be an object";
      problems.add(file, childPointer(at, i), what);
      return;
    }
    out.push(target);
  });
  return out;
}

/** A 2.0 non-body parameter: its type keywords move into `schema`. */
function parameter(p: Json): Json {
  const { type, format, items, enum: values, default: def, collectionFormat: _cf, ...rest } = p;
  if (rest.$ref !== undefined || rest.schema !== undefined) return p;
  const schema: Json = { type, format, items, enum: values, default: def };
  for (const key of Object.keys(schema)) if (schema[key] === undefined) delete schema[key];
  return { ...rest, schema };
}

function requestBody(params: Json[], consumes: string[]): Json | undefined {
  const body = params.find((p) => p.in === "body");
  if (body) {
    const types = consumes.filter((c) => !FORM_TYPES.includes(c));
    const content: Json = {};
    for (const type of types.length > 0 ? types : ["application/json"]) content[type] = { schema: body.schema ?? {} };
    return { required: body.required === true, description: body.description, content };
  }
  const form = params.filter((p) => p.in === "formData");
  if (form.length === 0) return undefined;
  const properties: Json = {};
  for (const p of form)
    if (typeof p.name === "string") properties[p.name] = (parameter(p).schema as Json | undefined) ?? {};
  const required = form.filter((p) => p.required === true).map((p) => p.name);
  const hasFile = form.some((p) => p.type === "file");
  const type = hasFile ? "multipart/form-data" : (consumes.find((c) => FORM_TYPES.includes(c)) ?? FORM_TYPES[0]);
  const schema = { type: "object", properties, ...(required.length > 0 ? { required } : {}) };
  return { required: required.length > 0, content: { [type as string]: { schema } } };
}

function convertResponses(doc: Json, responses: Json, produces: string[]): Json {
  const out: Json = {};
  for (const [status, raw] of Object.entries(responses)) {
    const target =
      isRecord(raw) && typeof raw.$ref === "string" && raw.$ref.startsWith("#") ? resolvePointer(doc, raw.$ref) : raw;
    // a dangling ref is kept as written, so that the operation reader reports it with its pointer
    const response = target === undefined ? raw : target;
    if (!isRecord(response)) {
      out[status] = response;
      continue;
    }
    const { schema, examples: _e, ...rest } = response;
    out[status] =
      schema === undefined ? rest : { ...rest, content: Object.fromEntries(produces.map((t) => [t, { schema }])) };
  }
  return out;
}

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.length > 0 ? value.filter((v): v is string => typeof v === "string") : undefined;
}
