export { DEMO_CREDENTIALS, type DemoCredentials } from "./credentials.js";
export * from "./crm/index.js";
export * from "./erp/index.js";
export { DEMO_CRM_PORT, DEMO_ERP_PORT, type DemoApis, type DemoApisOptions, startDemoApis } from "./start.js";
