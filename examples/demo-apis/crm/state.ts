import type { Customer } from "./customer.js";
import { generateCustomers } from "./generate.js";

/** The CRM's data, in process: tests and the demo read it and append to it. */
export interface CrmState {
  /** Sorted by updated_at (and id) ascending. */
  readonly customers: readonly Customer[];
  /** Requests served on /customers, rejected ones included. */
  requests: number;
  /** Appends `n` new customers, updated after every existing one; returns them. */
  addCustomers(n: number): Customer[];
}

export function createCrmState(initialCustomers: number): CrmState {
  const customers = generateCustomers(initialCustomers);
  return {
    customers,
    requests: 0,
    addCustomers(n: number): Customer[] {
      const added = generateCustomers(n, customers.length + 1);
      customers.push(...added);
      return added;
    },
  };
}
