export { type ImportOptions, importArtifact } from "./import-artifact.js";
export { importArtifactFile } from "./import-file.js";
