import { describe, expect, it } from "vitest";
import { Output } from "../modules/catalogue.js";
import { replayTargetOf } from "./replay-targets.js";

const http = (path: string, size = 1) => ({ type: "http", baseUrl: "http://127.0.0.1:1", path, batch: { size } });
const root = Output.parse({
  type: "routes",
  routes: [
    {
      when: "true",
      output: {
        type: "fanout",
        outputs: [
          { output: { type: "fallback", primary: http("/a", 10), fallback: http("/b") } },
          { filters: [{ type: "map", fields: [{ target: "x", from: "id" }] }], output: http("/c", 5) },
        ],
      },
    },
  ],
  default: http("/d"),
});

describe("replayTargetOf: the output a dead-letter entry goes back to", () => {
  it("a leaf it names, with that leaf's batch size; none named: the connector's own output", () => {
    expect(replayTargetOf(root, "output.default")).toMatchObject({ label: "output.default", batchSize: 1 });
    expect(replayTargetOf(root, undefined)).toMatchObject({ label: "output", path: ["output"] });
  });

  it("inside a fallback, the whole fallback (both of its outputs refused the record)", () => {
    const target = replayTargetOf(root, "output.routes[0].output.outputs[0].output.fallback");
    expect(target).toMatchObject({ label: "output.routes[0].output.outputs[0].output", batchSize: 10 });
  });

  it("a fanout branch's mapping failure: that branch's filters, then its output", () => {
    const target = replayTargetOf(root, "output.routes[0].output.outputs[1].filters");
    expect(target?.label).toBe("output.routes[0].output.outputs[1].filters");
    expect(target?.path).toEqual(["output", "routes", 0, "output", "outputs", 1, "output"]);
    expect(target?.filters).toHaveLength(1);
  });

  it("an output the connector does not have: none", () => {
    expect(replayTargetOf(root, "output.routes[3].output")).toBeUndefined();
    expect(replayTargetOf(root, "output.default.filters")).toBeUndefined();
  });
});
