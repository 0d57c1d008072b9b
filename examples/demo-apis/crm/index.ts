export { createCrmApp, type CustomerPage, customerPage } from "./app.js";
export { decodeCursor, encodeCursor } from "./cursor.js";
export {
  ADDRESS_FIELDS,
  CRM_DEFAULT_LIMIT,
  CRM_MAX_LIMIT,
  CUSTOMER_FIELDS,
  CUSTOMER_STATUSES,
  type Customer,
  type CustomerStatus,
} from "./customer.js";
export { customerId, generateCustomer, generateCustomers } from "./generate.js";
export { createPrng } from "./prng.js";
export { type CrmState, createCrmState } from "./state.js";
