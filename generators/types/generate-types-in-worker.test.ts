import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { generateTypes } from "./generate-types.js";
import type { generateTypesInWorker as Run } from "./generate-types-in-worker.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SPECS = [
  "examples/demo-apis/crm/openapi.yaml",
  "does/not/exist.yaml",
  "test/fixtures/specs/petstore-swagger2.yaml",
].map((f) => path.join(ROOT, f));
const OUT = path.join(ROOT, "types/x.ts");
// The worker is the compiled one: a worker thread cannot load the TypeScript sources.
const compiled = path.join(ROOT, "dist/generators/types/generate-types-in-worker.js");

describe.each([
  {
    where: "in-thread (from the sources)",
    load: async () => (await import("./generate-types-in-worker.js")).generateTypesInWorker,
  },
  {
    where: "on a worker thread (built)",
    load: async () =>
      ((await import(pathToFileURL(compiled).href)) as { generateTypesInWorker: typeof Run }).generateTypesInWorker,
  },
])("generateTypesInWorker $where", ({ where, load }) => {
  it.skipIf(where.includes("worker") && !existsSync(compiled))(
    "gives each spec's types in order, a failure to its own spec only",
    async () => {
      const run = await load();
      const job = run(SPECS, OUT, true);
      const [crm, missing, pets] = await Promise.allSettled(job.texts);
      expect(crm).toEqual({ status: "fulfilled", value: await generateTypes(SPECS[0]!, OUT) });
      expect(missing?.status).toBe("rejected");
      expect(String((missing as PromiseRejectedResult).reason)).toMatch(/exist\.yaml/);
      expect(pets).toEqual({ status: "fulfilled", value: await generateTypes(SPECS[2]!, OUT) });
      job.cancel();
    },
  );
});
