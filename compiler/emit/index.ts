export { compareKeys, orderArtifact, orderBySchema } from "./canonical-order.js";
export { type ArtifactHeader, emitArtifact } from "./emit-artifact.js";
export { headerFor, packageRoot } from "./header-paths.js";
