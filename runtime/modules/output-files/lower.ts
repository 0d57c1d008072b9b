// Authoring: imports only the DSL's and the compiler's contracts, types only (../README.md).
import type { z } from "zod";
import type { LoweringTools } from "../../../compiler/lower/contract.js";
import type { FilesOutputNode } from "./dsl.js";
import type { FilesOutput } from "./schema.js";

/**
 * Plain data. `secret("X")` stays `${secret:X}`; an `env("X")` anywhere in `s3` is masked as a
 * secret all the same (runtime/secrets/positions.ts: only an HTTP URL's parts are configuration).
 */
export function lowerFilesOutput(
  node: FilesOutputNode,
  _path: string,
  tools: LoweringTools,
): z.input<typeof FilesOutput> {
  const { kind: _kind, s3, ...rest } = node;
  return tools.defined({
    ...tools.plain(rest),
    s3: s3 ? tools.plain(s3, "config") : undefined,
  });
}
