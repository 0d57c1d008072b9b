import { describe, expect, it } from "vitest";
import { generateCustomers, validateClient } from "../demo-apis/index.js";
import { expectedClients } from "./index.js";

describe("expectedClients", () => {
  it("maps one customer field by field", () => {
    const given = {
      ...generateCustomers(1)[0]!,
      first_name: "Ada",
      last_name: "Lovelace",
      email: " Ada.Lovelace.1@Example.com ",
      status: "lead" as const,
      balance: "-1234.05",
      created_at: "2023-03-14T23:59:59Z",
    };
    expect(expectedClients([given])).toEqual([
      {
        client_id: "cus_000001",
        full_name: "Ada Lovelace",
        email: "ada.lovelace.1@example.com",
        segment: "PROSPECT",
        balance_cents: -123405,
        customer_since: "2023-03-14",
        city: given.address.city,
        country: given.address.country,
        tags: given.tags,
      },
    ]);
  });

  it("drops inactive customers and yields only clients the ERP accepts", () => {
    const customers = generateCustomers(1000);
    const clients = expectedClients(customers);
    expect(clients).toHaveLength(customers.filter((c) => c.status !== "inactive").length);
    for (const client of clients) expect(validateClient(client), client.client_id).toEqual([]);
  });

  it("sends 208 of the demo's 250 customers, as README.md says", () => {
    expect(expectedClients(generateCustomers(250))).toHaveLength(208);
  });
});
