/**
 * The IR follows the schemas: a TypeScript program over dsl/ir.ts with one schema edited in memory
 * shows the change in the DSL's types (a hand-kept copy of the fields would not see it).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SCHEMA = path.join(ROOT, "runtime/modules/output-http/schema.ts");
const PROBE = path.join(ROOT, "dsl/ir-probe.ts");
const IR = path.join(ROOT, "dsl/ir.ts");

const options: ts.CompilerOptions = {
  ...ts.parseJsonConfigFileContent(
    ts.readConfigFile(path.join(ROOT, "tsconfig.json"), ts.sys.readFile).config,
    ts.sys,
    ROOT,
  ).options,
  noEmit: true,
  incremental: false,
};

// Unchanged files are reused from one program to the next (the schema's dependants are re-checked).
let previous: ts.Program | undefined;

/**
 * Errors in dsl/ir.ts and in a probe reading `HttpOutputNode` (the node derived from the edited
 * schema; `OutputNode` is a union with the AMQP, routes, fanout and fallback nodes), with the
 * output schema's text edited.
 */
function errorsWith(edit: (schema: string) => string, probe: string): { file: string; message: string }[] {
  const host = ts.createCompilerHost(options);
  const original = readFileSync(SCHEMA, "utf8");
  const texts = new Map([
    [SCHEMA, edit(original)],
    [PROBE, `import type { HttpOutputNode } from "./ir.js";\ndeclare const node: HttpOutputNode;\n${probe}\n`],
  ]);
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (file) => texts.get(path.resolve(file)) ?? readFile(file);
  host.fileExists = (file) => texts.has(path.resolve(file)) || ts.sys.fileExists(file);
  host.getSourceFile = (file, language, ...rest) => {
    const text = texts.get(path.resolve(file));
    return text === undefined ? getSourceFile(file, language, ...rest) : ts.createSourceFile(file, text, language);
  };
  const program = ts.createProgram({ rootNames: [PROBE], options, host, oldProgram: previous });
  previous = program;
  return [PROBE, IR].flatMap((file) =>
    program.getSemanticDiagnostics(program.getSourceFile(file)).map((d) => ({
      file: path.relative(ROOT, file),
      message: ts.flattenDiagnosticMessageText(d.messageText, " "),
    })),
  );
}

const addField = (schema: string) =>
  schema.replace(`type: z.literal("http"),`, `type: z.literal("http"), retryBudget: z.number(),`);
const renameField = (schema: string) => schema.replace("idempotency: z", "idempotence: z");

describe("the IR is derived from the module schemas", () => {
  it("as the schema stands, HttpOutputNode has no retryBudget", () => {
    const errors = errorsWith((s) => s, "export const budget: number = node.retryBudget;");
    expect(errors.map((e) => e.file)).toEqual(["dsl/ir-probe.ts"]);
  }, 120_000);

  it("a field added to the schema appears in the node, typed as the schema says", () => {
    expect(addField(readFileSync(SCHEMA, "utf8"))).toContain("retryBudget");
    expect(errorsWith(addField, "export const budget: number = node.retryBudget;")).toEqual([]);
    const wrongType = errorsWith(addField, "export const budget: string = node.retryBudget;");
    expect(wrongType.map((e) => e.file)).toEqual(["dsl/ir-probe.ts"]);
  }, 120_000);

  it("a field the DSL swaps, renamed in the schema, is a type error in dsl/ir.ts", () => {
    expect(renameField(readFileSync(SCHEMA, "utf8"))).toContain("idempotence");
    const errors = errorsWith(renameField, "export {};");
    expect(errors.some((e) => e.file === "dsl/ir.ts")).toBe(true);
  }, 120_000);
});
