import { describe, expect, it } from "vitest";
import { connector } from "./connector.js";
import { db, type Generated, type GeneratedAlways, type Insertable, type ColumnType } from "./db.js";
import { secret } from "./refs.js";

// The shape `cannectors types --db` writes (generators/db-types/render.ts).
interface Clients {
  id: Generated<number, number | string>;
  name: string;
  seats: number;
  email: string | null;
  balance: ColumnType<number, number | string>;
  status: Generated<"new" | "done">;
  doc: NonNullable<unknown>;
  upper_name: GeneratedAlways<string | null>;
}
interface Customers {
  id: number;
  full_name: string;
  seats: number;
  mail: string | null;
  updated_at: string;
}
interface Tables {
  clients: Clients;
  "crm.customers": Customers;
}

const store = db<Tables>({ connection: secret("DATABASE_URL") });
const pipeline = () => connector({ name: "to-clients" }).from(store.source("crm.customers")).to(store.table("clients"));

describe("db<Tables>()", () => {
  it("builds the SQL input and output the lowering reads, the connection shared", () => {
    const built = connector({ name: "x" })
      .from(store.source("crm.customers", { incremental: { column: "updated_at", key: "id" } }))
      .to(store.table("clients", { mode: "upsert", key: ["id"] }));
    expect(built.input).toMatchObject({ type: "sql", table: "crm.customers", incremental: { column: "updated_at" } });
    expect(built.output).toMatchObject({ type: "sql", table: "clients", mode: "upsert", key: ["id"] });
    expect((built.output as { connection: unknown }).connection).toEqual(secret("DATABASE_URL"));
    expect(() => db<Tables>().table("clients")).toThrow(/no connection/);
  });

  it("types an insert: required columns required, filled ones optional, generated ones absent", () => {
    type Row = Insertable<Clients>;
    const full: Row = {
      id: "9007199254740993",
      name: "a",
      seats: 1,
      email: null,
      balance: "1.10",
      status: "new",
      doc: {},
    };
    const least: Row = { name: "a", seats: 1, balance: 2, doc: [1] };
    // @ts-expect-error upper_name is generated: an insert never writes it
    const generated: Row = { ...least, upper_name: "A" };
    expect([full.name, least.seats, generated.name]).toEqual(["a", 1, "a"]);
  });

  // The type errors are checked by `tsc --noEmit` (an unused @ts-expect-error fails it); at run time they still build.
  it("fails the map on an unknown column, a wrong type and a missing NOT NULL column", () => {
    pipeline().map((c) => ({ name: c.full_name, seats: c.seats, balance: 0, doc: {} }));
    pipeline().map((c) => ({
      name: c.full_name,
      seats: c.seats,
      balance: 0,
      doc: {},
      // @ts-expect-error Type 'string | null' is not assignable to type '"✖ unknown field: not a key of the target record"'
      emial: c.mail,
    }));
    // @ts-expect-error Type 'string' is not assignable to type 'number' (seats is an integer column)
    pipeline().map((c) => ({ name: c.full_name, seats: c.updated_at, balance: 0, doc: {} }));
    // @ts-expect-error Property 'name' is missing ... but required (NOT NULL without a default)
    pipeline().map((c) => ({ seats: c.seats, balance: 0, doc: {} }));
    // @ts-expect-error Type 'null' is not assignable (doc is NOT NULL JSON)
    pipeline().map((c) => ({ name: c.full_name, seats: c.seats, balance: 0, doc: null }));
    // @ts-expect-error Type '"VIP"' is not assignable to type '"new" | "done"' (an enum's labels)
    pipeline().map((c) => ({ name: c.full_name, seats: c.seats, balance: 0, doc: {}, status: "VIP" }));
    expect(true).toBe(true);
  });

  it("types the source's records from the table, `columns` narrowing them", () => {
    connector({ name: "x" })
      .from(store.source("crm.customers"))
      .to(store.table("clients"))
      // @ts-expect-error Property 'nope' does not exist on the customers row
      .filter((c) => c.nope === 1);
    connector({ name: "x" })
      .from(store.source("crm.customers", { columns: ["id", "full_name"] }))
      .to(store.table("clients"))
      // @ts-expect-error Property 'seats' does not exist: not among the columns read
      .filter((c) => c.seats > 1);
    // @ts-expect-error "clients2" is not a table of Tables
    expect(() => store.table("clients2")).not.toThrow();
  });
});
