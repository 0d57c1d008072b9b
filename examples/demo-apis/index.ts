export { DEMO_CREDENTIALS, type DemoCredentials } from "./credentials.js";
export * from "./crm/index.js";
export * from "./erp/index.js";
export { createSalesOrderBook, type SalesOrder, type SalesOrderBook, salesOrderProblem } from "./erp/sales-orders.js";
export * from "./shop/index.js";
export {
  DEMO_CRM_PORT,
  DEMO_ERP_PORT,
  DEMO_SHOP_PORT,
  type DemoApis,
  type DemoApisOptions,
  startDemoApis,
} from "./start.js";
