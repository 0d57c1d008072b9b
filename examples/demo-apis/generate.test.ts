import { describe, expect, it } from "vitest";
import { CUSTOMER_FIELDS, CUSTOMER_STATUSES, customerId, generateCustomer, generateCustomers } from "./crm/index.js";

describe("generateCustomers", () => {
  it("is deterministic and prefix-stable", () => {
    expect(generateCustomers(50)).toEqual(generateCustomers(50));
    expect(generateCustomers(80).slice(0, 50)).toEqual(generateCustomers(50));
    expect(generateCustomers(5, 46)).toEqual(generateCustomers(50).slice(45));
    expect(generateCustomers(3).map((c) => c.id)).toEqual(["cus_000001", "cus_000002", "cus_000003"]);
  });

  it("gives every customer the documented shape", () => {
    for (const c of generateCustomers(300)) {
      expect(Object.keys(c).sort()).toEqual([...CUSTOMER_FIELDS].sort());
      expect(c.balance).toMatch(/^-?\d+\.\d{2}$/);
      expect(c.currency).toBe("EUR");
      expect(c.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      expect(Date.parse(c.created_at)).toBeLessThan(Date.parse(c.updated_at));
      expect(c.address.country).toMatch(/^[A-Z]{2}$/);
      expect(c.email.trim().toLowerCase()).toMatch(/^[a-z0-9.-]+@example\.com$/);
      expect(c.phone === null || /^\+\d+ \d{9}$/.test(c.phone)).toBe(true);
    }
  });

  it("makes updated_at strictly increasing with the id", () => {
    const customers = generateCustomers(500);
    for (let i = 1; i < customers.length; i++) {
      expect(Date.parse(customers[i]!.updated_at)).toBeGreaterThan(Date.parse(customers[i - 1]!.updated_at));
    }
  });

  it("draws statuses about 70/15/15 and sometimes no phone", () => {
    const customers = generateCustomers(2000);
    const share = (status: string) => customers.filter((c) => c.status === status).length / customers.length;
    const want = { active: 0.7, inactive: 0.15, lead: 0.15 };
    for (const status of CUSTOMER_STATUSES) expect(Math.abs(share(status) - want[status])).toBeLessThan(0.04);
    const withoutPhone = customers.filter((c) => c.phone === null).length;
    expect(withoutPhone).toBeGreaterThan(0);
    expect(withoutPhone).toBeLessThan(customers.length);
    expect(customers.some((c) => c.email !== c.email.trim().toLowerCase())).toBe(true);
  });

  it("names customers by index", () => {
    expect(customerId(42)).toBe("cus_000042");
    expect(generateCustomer(42).id).toBe("cus_000042");
  });
});
