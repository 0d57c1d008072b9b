import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { emitArtifact } from "../../compiler/emit/index.js";
import { importArtifact } from "../../compiler/import/import-artifact.js";
import { lowerConnector } from "../../compiler/lower/index.js";
import { connector } from "../../dsl/connector.js";
import { secret } from "../../dsl/refs.js";
import { sqlSource } from "../../runtime/modules/input-sql/dsl.js";
import { validateArtifact } from "../../runtime/validate/index.js";
import { files } from "../../runtime/modules/output-files/dsl.js";

type Row = { id: number; region: string; created_at: string };

const lake = () =>
  files<Row>({
    location: "s3://lake/orders",
    format: "parquet",
    partition: "region={region}/dt={created_at:date}",
    columns: ["id", "region"],
    roll: { records: 50_000 },
    s3: {
      endpoint: "http://127.0.0.1:9000",
      pathStyle: true,
      accessKeyId: secret("S3_KEY_ID"),
      secretAccessKey: secret("S3_SECRET"),
    },
  });

describe("files(...)", () => {
  it("lowers to output type files, emits YAML that validates, and imports back to the same call", () => {
    const node = connector({ name: "to-lake" })
      .from(sqlSource<Row>(secret("DB_URL"), "orders"))
      .to(lake())
      .settings({});
    const lowered = lowerConnector(node, { sourceFor: () => undefined });
    expect(lowered.diagnostics).toEqual([]);
    expect(lowered.artifact.output).toEqual({
      type: "files",
      location: "s3://lake/orders",
      format: "parquet",
      partition: "region={region}/dt={created_at:date}",
      columns: ["id", "region"],
      roll: { records: 50_000 },
      s3: {
        endpoint: "http://127.0.0.1:9000",
        pathStyle: true,
        accessKeyId: "${secret:S3_KEY_ID}",
        secretAccessKey: "${secret:S3_SECRET}",
      },
    });
    const yaml = emitArtifact(lowered.artifact, { sourceFile: "to-lake.ts" });
    expect(parse(yaml).output.type).toBe("files");
    const checked = validateArtifact(yaml, "to-lake.yaml");
    expect(checked.diagnostics).toEqual([]);
    const text = importArtifact(lowered.artifact, { sourceLabel: "to-lake.yaml" });
    expect(text).toContain(
      'files<ImportedRecord>({ location: "s3://lake/orders", format: "parquet", partition: "region={region}/dt={created_at:date}", columns: ["id", "region"], roll: { records: 50000 }, s3: { endpoint: "http://127.0.0.1:9000", pathStyle: true, accessKeyId: secret("S3_KEY_ID"), secretAccessKey: secret("S3_SECRET") } })',
    );
    expect(text).toMatch(/^import \{[^}]*\bfiles\b[^}]*\} from "cannectors";$/m);
  });

  it.each([
    [{ location: "s3://lake/x", format: "csv" }, /s3 settings go with an s3:\/\/bucket\/prefix location/],
    [{ location: "./out", format: "csv", partition: "../{id}" }, /a \.\. segment in the partition/],
  ] as const)("refuses %j", (options, message) => {
    expect(() => files(options)).toThrow(message);
  });
});
