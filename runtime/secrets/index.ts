export { encodedForms } from "./encodings.js";
export { CREDENTIAL_NAME, isSecretRef } from "./positions.js";
export { createRedactor, MASK, MIN_SECRET_LENGTH } from "./redactor.js";
export { findSecretRefs, findSecretSyntaxErrors, hasRef } from "./refs.js";
export { lookupEnv, type ResolvedSecrets, type ResolveOptions, resolveSecrets, unusedInDryRun } from "./resolve.js";
export { type ResolvedUrlProblem, resolvedUrlProblems } from "./resolved-urls.js";
export type { Redactor, RefSource, SecretRef, SecretSyntaxError } from "./types.js";
