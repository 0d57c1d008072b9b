import type { HttpMethod, Operation, Parameter, RequestBody, Response } from "./model.js";
import { childPointer, isRecord } from "./pointer.js";
import { kindOf, type Located, type ReaderContext } from "./reader-context.js";

const METHODS: HttpMethod[] = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
const PARAMETER_PLACES = ["query", "header", "path", "cookie"] as const;

type LocatedObject = Located & { value: Record<string, unknown> };

/** Every operation under `paths`, in document order. */
export function readOperations(
  ctx: ReaderContext,
  root: LocatedObject,
  rootSecurity: string[][] | undefined,
): Operation[] {
  const paths = root.value.paths;
  const pathsAt = ctx.child(root, "paths");
  if (paths === undefined) {
    ctx.problem(pathsAt, "missing: a spec must have paths");
    return [];
  }
  const pathsObject = ctx.object(pathsAt, "paths");
  if (pathsObject === undefined) return [];
  const out: Operation[] = [];
  for (const path of Object.keys(pathsObject.value)) {
    // The Paths Object allows specification extensions (`x-...`) beside the paths.
    if (path.startsWith("x-")) continue;
    const item = ctx.object(ctx.child(pathsObject, path), "a path item");
    if (item === undefined) continue;
    const shared = readParameters(ctx, ctx.child(item, "parameters"));
    for (const method of METHODS) {
      if (item.value[method] === undefined) continue;
      const op = ctx.object(ctx.child(item, method), "an operation");
      if (op === undefined) continue;
      out.push(readOperation(ctx, method, path, op, shared, rootSecurity));
    }
  }
  return out;
}

function readOperation(
  ctx: ReaderContext,
  method: HttpMethod,
  path: string,
  op: LocatedObject,
  shared: Parameter[],
  rootSecurity: string[][] | undefined,
): Operation {
  const own = readParameters(ctx, ctx.child(op, "parameters"));
  const parameters = [...shared.filter((s) => !own.some((o) => o.name === s.name && o.in === s.in)), ...own];
  const v = op.value;
  const operation: Operation = { method, path, parameters, responses: readResponses(ctx, op), pointer: op.pointer };
  if (typeof v.operationId === "string") operation.operationId = v.operationId;
  if (typeof v.summary === "string") operation.summary = v.summary;
  if (typeof v.description === "string") operation.description = v.description;
  if (Array.isArray(v.tags)) operation.tags = v.tags.filter((t): t is string => typeof t === "string");
  if (v.deprecated === true) operation.deprecated = true;
  const body = v.requestBody === undefined ? undefined : readRequestBody(ctx, ctx.child(op, "requestBody"));
  if (body) operation.requestBody = body;
  const security = readSecurityRequirements(v.security) ?? rootSecurity;
  if (security) operation.security = security;
  return operation;
}

function readParameters(ctx: ReaderContext, node: Located): Parameter[] {
  if (node.value === undefined) return [];
  if (!Array.isArray(node.value)) {
    ctx.problem(node, `parameters must be an array, got ${kindOf(node.value)}`);
    return [];
  }
  const out: Parameter[] = [];
  node.value.forEach((_, i) => {
    const raw = ctx.object(
      { value: (node.value as unknown[])[i], href: node.href, pointer: childPointer(node.pointer, i) },
      "a parameter",
    );
    if (raw === undefined) return;
    const { name, in: where } = raw.value;
    if (typeof name !== "string" || !PARAMETER_PLACES.includes(where as Parameter["in"])) {
      ctx.problem(raw, `a parameter needs a name and "in" (query, header, path or cookie), got in: ${kindOf(where)}`);
      return;
    }
    const parameter: Parameter = {
      name,
      in: where as Parameter["in"],
      required: raw.value.required === true || where === "path",
      schema: parameterSchema(ctx, raw),
    };
    if (typeof raw.value.description === "string") parameter.description = raw.value.description;
    if (raw.value.example !== undefined) parameter.example = raw.value.example;
    out.push(parameter);
  });
  return out;
}

function parameterSchema(ctx: ReaderContext, raw: LocatedObject) {
  if (raw.value.schema !== undefined)
    return ctx.schemas.normalize(raw.value.schema, raw.href, childPointer(raw.pointer, "schema"));
  const content = isRecord(raw.value.content) ? Object.entries(raw.value.content)[0] : undefined;
  if (content && isRecord(content[1])) {
    return ctx.schemas.normalize(
      content[1].schema,
      raw.href,
      childPointer(raw.pointer, "content", content[0], "schema"),
    );
  }
  return ctx.schemas.normalize(undefined, raw.href, raw.pointer);
}

function readRequestBody(ctx: ReaderContext, node: Located): RequestBody | undefined {
  const body = ctx.object(node, "a request body");
  if (body === undefined) return undefined;
  const entries = contentEntries(ctx, body);
  const chosen = preferredContent(entries.map(([type]) => type));
  const entry = entries.find(([type]) => type === chosen);
  if (entry === undefined) return undefined;
  const [contentType, media] = entry;
  const out: RequestBody = {
    contentType,
    schema: ctx.schemas.normalize(media.value.schema, media.href, childPointer(media.pointer, "schema")),
    required: body.value.required === true,
  };
  if (typeof body.value.description === "string") out.description = body.value.description;
  return out;
}

function readResponses(ctx: ReaderContext, op: LocatedObject): Response[] {
  if (op.value.responses === undefined) return [];
  const responses = ctx.object(ctx.child(op, "responses"), "responses");
  if (responses === undefined) return [];
  const out: Response[] = [];
  for (const status of Object.keys(responses.value)) {
    if (status.startsWith("x-")) continue;
    const response = ctx.object(ctx.child(responses, status), "a response");
    if (response === undefined) continue;
    const declared = response.value.headers;
    const headers =
      typeof declared === "object" && declared !== null && !Array.isArray(declared) ? Object.keys(declared) : [];
    const common = {
      ...(typeof response.value.description === "string" ? { description: response.value.description } : {}),
      ...(headers.length > 0 ? { headers } : {}),
    };
    const entries = contentEntries(ctx, response);
    if (entries.length === 0) out.push({ status, ...common });
    for (const [contentType, media] of entries) {
      const schema =
        media.value.schema === undefined
          ? {}
          : { schema: ctx.schemas.normalize(media.value.schema, media.href, childPointer(media.pointer, "schema")) };
      out.push({ status, contentType, ...schema, ...common });
    }
  }
  return out;
}

function contentEntries(ctx: ReaderContext, owner: LocatedObject): [string, LocatedObject][] {
  if (owner.value.content === undefined) return [];
  const content = ctx.object(ctx.child(owner, "content"), "content");
  if (content === undefined) return [];
  const out: [string, LocatedObject][] = [];
  for (const type of Object.keys(content.value)) {
    const media = ctx.object(ctx.child(content, type), "a media type");
    if (media) out.push([type, media]);
  }
  return out;
}

/** JSON first, then other JSON-ish types, then forms, then whatever comes first. */
export function preferredContent(types: string[]): string | undefined {
  const base = (t: string) => (t.split(";")[0] ?? t).trim().toLowerCase();
  return (
    types.find((t) => base(t) === "application/json") ??
    types.find((t) => /[/+]json$/.test(base(t))) ??
    types.find((t) => base(t) === "application/x-www-form-urlencoded") ??
    types.find((t) => base(t) === "multipart/form-data") ??
    types[0]
  );
}

export function readSecurityRequirements(raw: unknown): string[][] | undefined {
  if (!Array.isArray(raw)) return undefined;
  return raw.filter(isRecord).map((requirement) => Object.keys(requirement));
}
