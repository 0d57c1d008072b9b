import { CONFIDENCE, type FieldPlan, type Suggestion } from "./plan.js";
import { tsKey } from "./render-values.js";

/** Markers `cannectors review` finds again: `[cannectors:review <target> <confidence>]` and friends. */
export const MARKER = /\[cannectors:(review|todo|candidates) ([^\s\]]+)(?: ([\d.]+))?\]/;

function reviewComment(target: string, s: Suggestion): string {
  return `// review ${s.confidence.toFixed(2)}: ${s.reasons.join("; ")} [cannectors:review ${target} ${s.confidence.toFixed(2)}]`;
}

function candidatesComment(target: string, candidates: readonly Suggestion[], kind: "todo" | "candidates"): string {
  const listed = candidates.slice(0, 3).map((c) => `${c.expression} (${c.confidence.toFixed(2)})`);
  const what = listed.length > 0 ? `low-confidence candidates: ${listed.join(" | ")}` : "no candidate in the source";
  return `// ${what} [cannectors:${kind} ${target}]`;
}

interface Line {
  comment?: string;
  key: string;
  value: string;
}

/** Lines for one field: code, code under review, or comments (with a typed TODO when required). */
function fieldLines(field: FieldPlan, key: string): { line?: Line; orphanComment?: string } {
  const best = field.suggestions[0];
  if (best && best.confidence >= CONFIDENCE.accept) return { line: { key, value: best.expression } };
  if (best && best.confidence >= CONFIDENCE.review) {
    return { line: { key, value: best.expression, comment: reviewComment(field.target, best) } };
  }
  if (field.required) {
    const comment = candidatesComment(field.target, field.suggestions, "todo");
    return {
      line: {
        key,
        value: `todo(${JSON.stringify(field.target)})`,
        // The runtime fills the target path's {placeholder} from this field: say so, or it reads as a body field.
        comment: field.pathParam
          ? comment.replace("// ", `// path parameter {${field.target}} of the target URL, filled from the record: `)
          : field.objectList
            ? comment.replace("// ", `// a required list of objects, mapped as r.some_list.map((item) => ({ ... })): `)
            : comment,
      },
    };
  }
  return {
    orphanComment: `${candidatesComment(field.target, field.suggestions, "candidates")} (optional ${field.target})`,
  };
}

type Tree = Map<string, Tree | FieldPlan>;

function tree(fields: readonly FieldPlan[]): Tree {
  const root: Tree = new Map();
  for (const field of fields) {
    const segments = field.target.split(".");
    let node = root;
    for (const segment of segments.slice(0, -1)) {
      const next = node.get(segment);
      if (next instanceof Map) node = next;
      else {
        const created: Tree = new Map();
        node.set(segment, created);
        node = created;
      }
    }
    node.set(segments[segments.length - 1]!, field);
  }
  return root;
}

/** A field that renders as code (accepted, under review, or a required `todo()`), not only as a comment. */
function rendersCode(field: FieldPlan): boolean {
  return field.required || (field.suggestions[0]?.confidence ?? 0) >= CONFIDENCE.review;
}

/**
 * A map whose every field would be a comment is an empty object, which `build` refuses ("a map must
 * set at least one field"): the field with the best candidate (else the first) becomes a `todo()`,
 * so the connector reads as unfinished where the developer looks, not as broken.
 */
function withOneTodo(fields: readonly FieldPlan[]): readonly FieldPlan[] {
  if (fields.length === 0 || fields.some(rendersCode)) return fields;
  const score = (f: FieldPlan) => f.suggestions[0]?.confidence ?? -1;
  const chosen = fields.reduce((best, f) => (score(f) > score(best) ? f : best), fields[0]!);
  return fields.map((f) => (f === chosen ? { ...f, required: true } : f));
}

/** The object literal of `.map((r) => (...))`, nested targets as nested objects. */
export function renderMapBody(fields: readonly FieldPlan[], indent: string, use: (name: string) => void): string {
  const walk = (node: Tree, pad: string): string[] => {
    const out: string[] = [];
    for (const [key, child] of node) {
      if (child instanceof Map) {
        const inner = walk(child, `${pad}  `);
        // Nothing but comments inside: an empty object would still have to satisfy the target's type.
        if (inner.every((line) => line.trimStart().startsWith("//")))
          out.push(...inner.map((line) => line.replace(/^ {2}/, "")));
        else out.push(`${pad}${tsKey(key)}: {`, ...inner, `${pad}},`);
        continue;
      }
      const { line, orphanComment } = fieldLines(child, tsKey(key));
      if (orphanComment) out.push(`${pad}${orphanComment}`);
      if (!line) continue;
      if (line.value.startsWith("todo(")) use("todo");
      if (line.comment) out.push(`${pad}${line.comment}`);
      out.push(`${pad}${line.key}: ${line.value},`);
    }
    return out;
  };
  return ["{", ...walk(tree(withOneTodo(fields)), `${indent}  `), `${indent}}`].join("\n");
}
