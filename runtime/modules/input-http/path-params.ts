import type { HttpInput } from "../../artifact/index.js";
import { CannectorsError, ErrorCodes } from "../../errors/index.js";
import { compileUrlTemplate } from "../../net/url-template.js";

/**
 * baseUrl + path with the path's `{name}` placeholders filled from `pathParams`, by the one URL
 * rule (runtime/net/url-template.ts): each value is exactly one percent-encoded path segment. A
 * value that cannot be one (empty, `..`) is a configuration error; validation has refused an
 * unfilled placeholder already, this is the run-time guard for values resolved from the environment.
 */
export function inputBaseUrl(spec: Pick<HttpInput, "baseUrl" | "path" | "pathParams">): URL {
  const template = compileUrlTemplate({ baseUrl: spec.baseUrl, path: spec.path });
  const filled = template.fill(spec.pathParams ?? {});
  if (!filled.ok) {
    throw new CannectorsError(
      ErrorCodes.CONFIG_INVALID,
      `input.path ${spec.path}: ${filled.reason.replace(/ in the record/g, " in pathParams")}`,
    );
  }
  return new URL(filled.url);
}

/** The problems of `input.path` placeholders against `pathParams`: unfilled, unused, or a value that is not one segment. */
export function pathParamProblems(
  path: string,
  pathParams: Readonly<Record<string, string | number>> | undefined,
): { at: "path" | ["pathParams", string]; message: string; offset?: number }[] {
  const problems: { at: "path" | ["pathParams", string]; message: string; offset?: number }[] = [];
  const given = pathParams ?? {};
  const used = new Set<string>();
  for (const match of path.matchAll(/\{([^{}]*)\}/g)) {
    const name = (match[1] ?? "").trim();
    used.add(name);
    if (!Object.hasOwn(given, name)) {
      problems.push({
        at: "path",
        offset: match.index,
        message: `path placeholder {${name}} has no value: set input.pathParams.${name} (a constant or \${env:NAME})`,
      });
    }
  }
  for (const [name, value] of Object.entries(given)) {
    if (!used.has(name)) {
      problems.push({
        at: ["pathParams", name],
        message: `pathParams.${name} is not a placeholder of the path ${path}`,
      });
    } else if (typeof value === "string" && !value.includes("${") && (value === "." || value === "..")) {
      problems.push({
        at: ["pathParams", name],
        message: `pathParams.${name} is "${value}", which would remove a path segment`,
      });
    }
  }
  return problems;
}
