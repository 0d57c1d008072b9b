import { describe, expect, expectTypeOf, it } from "vitest";
import { api, connector } from "../index.js";
import { type Todo, todo } from "./todo.js";

type Paths = {
  "/people": { get: { responses: { 200: { content: { "application/json": { id: string }[] } } } } };
  "/clients": {
    post: {
      requestBody: { content: { "application/json": { client_id: string; full_name: string } } };
      responses: { 200: { content: { "application/json": unknown } } };
    };
  };
};
const people = api<Paths>({ baseUrl: "http://127.0.0.1:1" });

describe("todo()", () => {
  it("fails type-checking wherever a real value is needed, naming the field", () => {
    expectTypeOf(todo<"full_name">).returns.toEqualTypeOf<Todo<"full_name">>();
    connector({ name: "t" })
      .from(people.get("/people"))
      .to(people.post("/clients", {}))
      // @ts-expect-error ✖ TODO: choose a source for this field (full_name)
      .map((p) => ({ client_id: p.id, full_name: todo("full_name") }));
  });

  it("throws if a program ever evaluates it", () => {
    expect(() => todo("x")).toThrow(/todo\("x"\): the field still needs a source/);
  });
});
