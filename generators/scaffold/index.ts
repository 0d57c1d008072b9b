export * from "./plan.js";
export { renderConnector } from "./render-connector.js";
export { MARKER } from "./render-fields.js";
export { acceptAbove, applyDecisions, type Decision, type PendingDecision, pendingDecisions } from "./review.js";
