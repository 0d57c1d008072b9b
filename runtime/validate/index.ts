export { checkCron } from "./semantic.js";
export { validateArtifact, validateArtifactFile } from "./validate.js";
export type { LoadedArtifact, ValidateOptions, ValidationResult } from "./validate.js";
