export { encodedForms } from "./encodings.js";
export { createRedactor, MASK, MIN_SECRET_LENGTH } from "./redactor.js";
export { findSecretRefs, findSecretSyntaxErrors } from "./refs.js";
export { type ResolvedSecrets, resolveSecrets } from "./resolve.js";
export type { Redactor, SecretRef, SecretSyntaxError } from "./types.js";
