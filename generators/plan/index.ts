export { type ConfigChange, configChanges } from "./config-changes.js";
export { type FieldChange, type RecordChanges, recordChanges } from "./record-changes.js";
export { type Plan, type PlanContract, renderMarkdown, renderText } from "./render.js";
