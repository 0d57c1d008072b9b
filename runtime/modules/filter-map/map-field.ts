import type { MapField } from "../../artifact/index.js";
import type { JsonRecord } from "../../engine/modules.js";
import { CannectorsError, ErrorCodes } from "../../errors/index.js";
import { type CompiledExpression, compileExpression } from "../../expr/index.js";
import { compileFailure, evaluationFailure, type ModuleRef, moduleRef } from "../../filters/filter-error.js";
import { cloneJson, compilePathReader, compilePathWriter, type PathSegment, parsePath } from "../../json/path.js";
import { targetSegments } from "./targets.js";

/**
 * What a field reads: `record` is the record (or the array element inside `each`, where `root` is
 * the top record). It is also the variables object of the field's expression, built once per record.
 */
export interface FieldScope {
  record: unknown;
  root?: JsonRecord;
}

/** Writes one field of the output. */
export type FieldWriter = (scope: FieldScope, out: JsonRecord, seq: number) => void;

/** A value for the target, or undefined to leave the target out. */
export type ValueReader = (scope: FieldScope, seq: number) => unknown;

/** What a field reads, in a form filters/map-codegen.ts can write out inline. */
export type FieldShape =
  | { kind: "expr"; expr: CompiledExpression }
  | { kind: "from"; segments: readonly PathSegment[] }
  | { kind: "value"; value: unknown }
  | { kind: "each" };

/** One compiled map field: how to read its value and where to write it. */
export interface FieldParts {
  ref: ModuleRef;
  target: readonly string[];
  write: (out: JsonRecord, value: unknown) => void;
  read: ValueReader;
  shape: FieldShape;
  hasDefault: boolean;
  fallback: unknown;
}

/** `nested` is true inside `each`, where expressions also see `root`. */
export function compileFieldParts(
  field: MapField,
  path: readonly PathSegment[],
  nested: boolean,
  label: string,
): FieldParts {
  const ref = moduleRef(path, `map → ${label}`);
  try {
    const target = targetSegments(field.target);
    const { read, shape } = compileReader(field, path, nested, ref, label);
    const write = compilePathWriter(target);
    return { ref, target, write, read, shape, hasDefault: field.default !== undefined, fallback: field.default };
  } catch (error) {
    throw error instanceof CannectorsError && error.details.module !== undefined ? error : compileFailure(ref, error);
  }
}

export function compileMapField(
  field: MapField,
  path: readonly PathSegment[],
  nested: boolean,
  label: string,
): FieldWriter {
  const { read, write, hasDefault, fallback } = compileFieldParts(field, path, nested, label);
  return (scope, out, seq) => {
    let value = read(scope, seq);
    if ((value === undefined || value === null) && hasDefault) value = cloneJson(fallback);
    if (value !== undefined) write(out, value);
  };
}

function compileReader(
  field: MapField,
  path: readonly PathSegment[],
  nested: boolean,
  ref: ModuleRef,
  label: string,
): { read: ValueReader; shape: FieldShape } {
  if (field.value !== undefined) {
    const constant = field.value;
    const shape: FieldShape = { kind: "value", value: constant };
    if (typeof constant === "object" && constant !== null) return { read: () => cloneJson(constant), shape };
    return { read: () => constant, shape };
  }
  if (field.expr !== undefined) {
    const expr = compileExpression(field.expr, nested ? ["record", "root"] : ["record"]);
    const read: ValueReader = (scope, seq) => {
      try {
        return expr(scope as unknown as Record<string, unknown>);
      } catch (error) {
        throw evaluationFailure(seq, ref, error);
      }
    };
    return { read, shape: { kind: "expr", expr } };
  }
  if (field.from === undefined) {
    throw new CannectorsError(ErrorCodes.CONFIG_INVALID, "exactly one of from, expr or value is required");
  }
  const segments = parsePath(field.from);
  const from = compilePathReader(segments);
  if (field.each === undefined) return { read: (scope) => from(scope.record), shape: { kind: "from", segments } };
  const elementFields = field.each.map((sub, index) =>
    compileMapField(sub, [...path, "each", index], true, `${label}[].${sub.target}`),
  );
  const read: ValueReader = (scope, seq) => {
    const list = from(scope.record);
    if (list === undefined || list === null) return list;
    if (!Array.isArray(list)) {
      throw evaluationFailure(
        seq,
        ref,
        new Error(`each: ${JSON.stringify(field.from)} is a ${typeof list}, not an array`),
      );
    }
    const root = scope.root ?? (scope.record as JsonRecord);
    return list.map((element) => {
      const out: JsonRecord = {};
      const elementScope: FieldScope = { record: element, root };
      for (const write of elementFields) write(elementScope, out, seq);
      return out;
    });
  };
  return { read, shape: { kind: "each" } };
}
