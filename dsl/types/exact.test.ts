import { describe, expectTypeOf, it } from "vitest";
import { api, connector } from "../index.js";
import type { Exact, UnknownTargetField } from "./exact.js";

type Target = { id: string; address?: { city: string; zip?: string }; tags?: string[] };
type Paths = {
  "/people": { get: { responses: { 200: { content: { "application/json": { id: string; town: string }[] } } } } };
  "/clients": {
    post: {
      requestBody: { content: { "application/json": Target } };
      responses: { 200: { content: { "application/json": unknown } } };
    };
  };
};
const people = api<Paths>({ baseUrl: "http://127.0.0.1:1" });
const pipeline = () => connector({ name: "exact" }).from(people.get("/people")).to(people.post("/clients", {}));

describe("Exact: typos in target fields, at any depth", () => {
  it("leaves a correct record unchanged, nested objects included", () => {
    expectTypeOf<Exact<{ id: string; address: { city: string } }, Target>>().toEqualTypeOf<{
      id: string;
      address: { city: string };
    }>();
    pipeline().map((p) => ({ id: p.id, address: { city: p.town, zip: "1000" }, tags: ["a"] }));
  });

  it("marks a misspelt key, top-level or nested, with the message", () => {
    expectTypeOf<Exact<{ id: string; idd: string }, Target>["idd"]>().toEqualTypeOf<UnknownTargetField>();
    // @ts-expect-error ✖ unknown field: not a key of the target record (top level)
    pipeline().map((p) => ({ id: p.id, idd: p.id }));
    // @ts-expect-error ✖ unknown field: not a key of the target record (inside address)
    pipeline().map((p) => ({ id: p.id, address: { city: p.town, zpi: "1000" } }));
  });
});
