import type { DryRunSink, PlannedRequest } from "./modules.js";
import { stringifyJson } from "../json/index.js";
import type { Redactor } from "../secrets/types.js";

/**
 * One JSON line per planned request: method, url, headers (sorted by name), body — so two dry
 * runs of the same input diff cleanly. Header values pass through the redactor once more; the URL
 * comes masked by its template and the body is the record data, written exactly.
 */
export function createDryRunWriter(write: (line: string) => void, redactor: Redactor): DryRunSink {
  return {
    write(request: PlannedRequest) {
      const headers: Record<string, string> = {};
      for (const name of Object.keys(request.headers).sort()) headers[name] = redactor.redact(request.headers[name]!);
      const labelled = request.output === undefined ? {} : { output: request.output };
      const canonical = { ...labelled, method: request.method, url: request.url, headers, body: request.body };
      write(stringifyJson(canonical));
    },
  };
}
