import { createPicker } from "../crm/prng.js";
import { customerId, generateCustomers } from "../crm/generate.js";
import type { ShopCustomer } from "./app.js";

export const ORDER_STATUSES = ["paid", "pending", "refunded"] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export interface Order {
  id: string;
  number: number;
  customer_id: string;
  status: OrderStatus;
  currency: "EUR";
  created_at: string;
}

export interface OrderItem {
  sku: string;
  name: string;
  quantity: number;
  /** Decimal string with two places: money is never a float. */
  unit_price: string;
}

const PRODUCTS = [
  ["SKU-CHAIR", "Desk chair", 14900],
  ["SKU-LAMP", "Desk lamp", 3950],
  ["SKU-DESK", "Standing desk", 48900],
  ["SKU-MAT", "Floor mat", 2500],
  ["SKU-CABLE", "Cable tray", 1299],
] as const;

/** Deterministic orders: `count` of them over the first `customers` CRM customers, 60% paid. */
export function generateOrders(count: number, customers: number): Order[] {
  const picker = createPicker(7);
  const start = Date.parse("2026-01-05T09:00:00Z");
  return Array.from({ length: count }, (_, index) => {
    const roll = picker.next();
    return {
      id: `ord_${String(index + 1).padStart(5, "0")}`,
      number: 10_001 + index,
      customer_id: customerId(picker.int(1, customers)),
      status: roll < 0.6 ? "paid" : roll < 0.9 ? "pending" : "refunded",
      currency: "EUR",
      created_at: new Date(start + index * 3_600_000).toISOString().replace(".000Z", "Z"),
    };
  });
}

/** One to four items per order, derived from the order's number so they never change. */
export function itemsOf(order: Order): OrderItem[] {
  const picker = createPicker(order.number);
  return Array.from({ length: picker.int(1, 4) }, () => {
    const [sku, name, cents] = picker.pick(PRODUCTS);
    return { sku, name, quantity: picker.int(1, 3), unit_price: (cents / 100).toFixed(2) };
  });
}

/** The shop's customer accounts: the CRM's first `count` people, with a segment. */
export function generateShopCustomers(count: number): ShopCustomer[] {
  return generateCustomers(count).map((person, index) => ({
    id: person.id,
    name: `${person.first_name} ${person.last_name}`,
    email: person.email.trim().toLowerCase(),
    segment: index % 4 === 0 ? "business" : "retail",
  }));
}
