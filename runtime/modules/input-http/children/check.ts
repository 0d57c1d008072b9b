import { compileUrlTemplate } from "../../../net/url-template.js";
import type { Children } from "./schema.js";

export interface ChildrenProblem {
  /** Under `input.children`. */
  path: (string | number)[];
  message: string;
}

/** What zod cannot say about `input.children`: every `{name}` has a parent field, the path is one the URL rule accepts, a key for per-parent cursors. */
export function checkChildren(children: Children): ChildrenProblem[] {
  const problems: ChildrenProblem[] = [];
  const path = children.path.replace(/\$\{(env|secret):[A-Za-z_][A-Za-z0-9_]*\}/g, (ref) => "r".repeat(ref.length));
  let placeholdersOk = true;
  const asFields = path.replace(/\{([^{}]*)\}/g, (_whole, raw: string) => {
    const name = raw.trim();
    if (!Object.hasOwn(children.params, name)) {
      placeholdersOk = false;
      problems.push({
        path: ["path"],
        message: `child path placeholder {${name}} has no value: set input.children.params.${name} to a parent field`,
      });
    }
    return `{${children.params[name] ?? "x"}}`;
  });
  if (placeholdersOk) {
    try {
      compileUrlTemplate({ baseUrl: "http://configured.invalid", path: asFields });
    } catch (error) {
      problems.push({ path: ["path"], message: error instanceof Error ? error.message : String(error) });
    }
  }
  if (children.incremental && children.key === undefined && Object.keys(children.params).length === 0) {
    problems.push({
      path: ["key"],
      message: "per-parent cursors need a parent key: set input.children.key (or a field in input.children.params)",
    });
  }
  return problems;
}
