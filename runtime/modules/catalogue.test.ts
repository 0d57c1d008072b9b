import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { connectorJsonSchema } from "../artifact/index.js";

describe("catalogue", () => {
  it("derives the published JSON schema unchanged", () => {
    const published = JSON.parse(readFileSync(new URL("../../schema/cannectors.v1.json", import.meta.url), "utf8"));
    expect(JSON.parse(JSON.stringify(connectorJsonSchema()))).toEqual(published);
  });
});
