export { expectedClients } from "./expected-clients.js";

/** connector.yaml, relative to this folder (the source tree, not dist). */
export const CONNECTOR_FILE = "examples/crm-to-erp/connector.yaml";
