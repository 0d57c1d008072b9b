export { expectedClients } from "./expected-clients.js";

/** crm-to-erp.yaml (built from connector.ts), relative to this folder (the source tree, not dist). */
export const CONNECTOR_FILE = "examples/crm-to-erp/crm-to-erp.yaml";
