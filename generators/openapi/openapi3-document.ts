import { displayLocation, documentKey, toLocationUrl } from "./location.js";
import { isRecord } from "./pointer.js";
import { ProblemList } from "./problems.js";
import { readDocument } from "./read-document.js";
import { convertSwagger2 } from "./swagger2.js";

type Json = Record<string, unknown>;

export interface OpenApi3Document {
  document: Json;
  /** Set when the spec was Swagger 2.0 and `document` is its conversion. */
  convertedFrom?: "2.0";
}

/**
 * A spec parsed once, as an OpenAPI 3.x document, for tools that only read 3.x (openapi-typescript).
 * A Swagger 2.0 spec is the in-house conversion, with `#/definitions/X` refs moved to
 * `#/components/schemas/X` and the 2.0 keywords left inside schemas rewritten. `undefined` when the
 * root is not an object (the caller's own reader then says what is wrong).
 */
export async function openApi3Document(source: string, cwd?: string): Promise<OpenApi3Document | undefined> {
  const href = documentKey(toLocationUrl(source, cwd));
  const raw = await readDocument(href);
  if (!isRecord(raw)) return undefined;
  if (String(raw.swagger) !== "2.0") return { document: raw };
  const shown = displayLocation(href);
  const problems = new ProblemList();
  const converted = convertSwagger2(raw, shown, problems);
  problems.throwIfAny(shown);
  const { definitions: _moved, ...document } = converted;
  const out = rewrite(document, "") as Json;
  moveHeaderSchemas(out);
  return { document: out, convertedFrom: "2.0" };
}

/** Deep copy: the conversion shares schema objects with the parsed 2.0 document. */
function rewrite(value: unknown, key: string): unknown {
  if (Array.isArray(value)) return value.map((item) => rewrite(item, ""));
  if (!isRecord(value)) {
    if (key === "$ref" && typeof value === "string") return value.replace(/^#\/definitions\//, "#/components/schemas/");
    return value;
  }
  const out: Json = {};
  for (const [name, child] of Object.entries(value)) out[name] = rewrite(child, name);
  return schemaKeywords(out);
}

/** 2.0-only keywords inside a schema, in their 3.0 form. */
function schemaKeywords(node: Json): Json {
  if (typeof node.discriminator === "string") node.discriminator = { propertyName: node.discriminator };
  if (node["x-nullable"] === true) node.nullable = true;
  if (node.type === "file") {
    node.type = "string";
    node.format = "binary";
  }
  return node;
}

/** A 2.0 response header carries its type keywords itself; 3.0 wants them under `schema`. */
function moveHeaderSchemas(document: Json): void {
  for (const item of Object.values(isRecord(document.paths) ? document.paths : {})) {
    for (const operation of Object.values(isRecord(item) ? item : {})) {
      if (!isRecord(operation) || !isRecord(operation.responses)) continue;
      for (const response of Object.values(operation.responses)) {
        if (!isRecord(response) || !isRecord(response.headers)) continue;
        for (const [name, header] of Object.entries(response.headers)) {
          if (!isRecord(header) || header.schema !== undefined || header.$ref !== undefined) continue;
          const { description, ...schema } = header;
          response.headers[name] = { ...(description === undefined ? {} : { description }), schema };
        }
      }
    }
  }
}
