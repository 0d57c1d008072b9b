import type { JsonRecord } from "../../engine/modules.js";
import { ownRead, SourceBuilder, stringLiteral } from "../../expr/compiled/source.js";
import { cloneJson } from "../../json/path.js";
import { evaluationFailure } from "../../filters/filter-error.js";
import type { FieldParts } from "./map-field.js";
import type { FilterStep } from "../../filters/step.js";

/**
 * One generated function per map filter (safety of generated source: expr/compiled/source.ts):
 * fields are read in order into locals, with each expression called from its own site and path
 * reads written out, then the record is built as one object literal when every target is a plain
 * name and every value is there, else written field by field as map.ts does. Same values, same
 * key order, same errors as the closures of map-field.ts. Undefined when code generation is off.
 */
export function generateMap(
  fields: readonly FieldParts[],
  keepUnmapped: ((out: JsonRecord, record: JsonRecord) => void) | undefined,
): FilterStep | undefined {
  const source = new SourceBuilder();
  const clone = source.constant(cloneJson);
  const fail = source.constant((seq: number, index: number, error: unknown) =>
    evaluationFailure(seq, fields[index]!.ref, error),
  );
  source.push("const scope = { record };");
  const values = fields.map((field, index) => readField(source, field, index, { clone, fail }));
  const maybeAbsent = values.filter((_, i) => mayBeAbsent(fields[i]!));
  const keep = keepUnmapped === undefined ? "" : `${source.constant(keepUnmapped)}(out, record);`;
  if (fields.every((field) => field.target.length === 1 && field.target[0] !== "__proto__")) {
    const entries = fields.map((field, i) => `${stringLiteral(field.target[0]!)}: ${values[i]}`);
    const present = maybeAbsent.map((value) => `${value} !== undefined`).join(" && ") || "true";
    source.push(`if (${present}) { const out = { ${entries.join(", ")} }; ${keep} return out; }`);
  }
  source.push("const out = {};");
  fields.forEach((field, i) => {
    const write = `${source.constant(field.write)}(out, ${values[i]});`;
    source.push(mayBeAbsent(field) ? `if (${values[i]} !== undefined) ${write}` : write);
  });
  return source.build<FilterStep>(["record", "seq"], `${keep} return out;`);
}

function mayBeAbsent(field: FieldParts): boolean {
  return (field.shape.kind === "from" || field.shape.kind === "each") && !field.hasDefault;
}

function readField(
  source: SourceBuilder,
  field: FieldParts,
  index: number,
  helpers: { clone: string; fail: string },
): string {
  const value = source.temp();
  const shape = field.shape;
  if (shape.kind === "expr") {
    const expr = source.constant(shape.expr);
    source.push(`try { ${value} = ${expr}(scope); } catch (error) { throw ${helpers.fail}(seq, ${index}, error); }`);
  } else if (shape.kind === "from") {
    source.push(`${value} = record;`);
    for (const segment of shape.segments) source.push(readSegment(source, value, segment));
  } else if (shape.kind === "value") {
    const constant = source.constant(shape.value);
    const isObject = typeof shape.value === "object" && shape.value !== null;
    source.push(`${value} = ${isObject ? `${helpers.clone}(${constant})` : constant};`);
  } else {
    source.push(`${value} = ${source.constant(field.read)}(scope, seq);`);
  }
  if (field.hasDefault) {
    const fallback = source.constant(field.fallback);
    source.push(`if (${value} === undefined || ${value} === null) ${value} = ${helpers.clone}(${fallback});`);
  }
  return value;
}

/** readPath of json/path.ts, one step: own properties of plain objects, in-range array indexes. */
function readSegment(source: SourceBuilder, value: string, segment: string | number): string {
  if (typeof segment === "number") {
    const at = source.constant(segment);
    return `${value} = Array.isArray(${value}) && ${at} < ${value}.length ? ${value}[${at}] : undefined;`;
  }
  const key = stringLiteral(segment);
  const read = source.temp();
  return `if (typeof ${value} === "object" && ${value} !== null && !Array.isArray(${value})) { ${ownRead(read, value, key)} ${value} = ${read}; } else ${value} = undefined;`;
}
