import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type LambdaLowering, type LambdaRole, lowerLambda } from "./lambda.js";

/** Record type shared by the tables; every case's module declares it. */
export const RECORD_TYPE = `type R = {
  id: string; a: string; s: string; email: string; status: string; first: string; last: string;
  created: string; balance: string; n: number; b: number; ok: boolean; tags: string[];
  addr: { city: string; country: string; zip?: string }; opt?: { x?: string };
  items: { sku: string; qty?: number; parts: { code: string }[] }[];
};
`;

const dir = mkdtempSync(join(tmpdir(), "cannectors-lower-"));
let counter = 0;

/**
 * Writes `module` to a real file and lowers the function literal `lambda` found in it. A module
 * without the lambda gets `export const f = <lambda>;` appended, after RECORD_TYPE.
 */
export function lowerIn(
  module: string,
  lambda: string,
  role: LambdaRole,
  params: string[] = ["record"],
): LambdaLowering & { file: string } {
  const text = module.includes(lambda) ? module : `${RECORD_TYPE}${module}\nexport const f = ${lambda};\n`;
  const file = join(dir, `case-${++counter}.ts`);
  writeFileSync(file, text);
  const start = text.lastIndexOf(lambda);
  if (start < 0) throw new Error(`lambda not found: ${lambda}`);
  return { ...lowerLambda({ file, text }, { start, end: start + lambda.length }, role, params), file };
}

/** `line:col message` of each diagnostic, for compact wants. */
export function located(result: LambdaLowering): string[] {
  return result.diagnostics.map((d) => `${d.location?.line}:${d.location?.column} ${d.message}`);
}
