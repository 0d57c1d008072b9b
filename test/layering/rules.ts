/**
 * The project's import rules, checked by dependency-cruiser over the source tree (not `dist/`).
 * Paths are relative to the cruised root, so the same rules run against the repository and against
 * the small fixture tree that proves each rule can fail.
 */
import type { IForbiddenRuleType } from "dependency-cruiser";

/** A module's authoring side (DSL builder, lowering, YAML→TS import): may use the DSL and compiler contracts. */
const MODULE_AUTHORING = "^runtime/modules/[^/]+/(dsl|lower|import|authoring)(\\.ts$|/)";
const TESTS = "(\\.test\\.ts$|test-support\\.ts$|-harness\\.ts$|^test/)";

export const LAYERING_RULES: IForbiddenRuleType[] = [
  {
    name: "runtime-imports-no-authoring",
    comment: "The runtime runs artifacts; it must not load the DSL, the compiler or the generators.",
    severity: "error",
    from: { path: "^runtime/", pathNot: [MODULE_AUTHORING, TESTS] },
    to: { path: "^(dsl|compiler|generators|cli)/" },
  },
  {
    name: "runtime-imports-no-module-authoring",
    comment: "A module's authoring files are reached from the compiler and the DSL, never from the runtime.",
    severity: "error",
    from: { path: "^runtime/", pathNot: [MODULE_AUTHORING, TESTS] },
    to: { path: MODULE_AUTHORING },
  },
  {
    name: "dsl-imports-no-compiler",
    comment: "Connector files import the DSL; it must stay free of the compiler, generators and CLI.",
    severity: "error",
    from: { path: "^dsl/", pathNot: TESTS },
    to: { path: "^(compiler|generators|cli)/" },
  },
  {
    name: "compiler-imports-no-cli",
    comment: "The compiler is a library the CLI and the generators call, not the other way round.",
    severity: "error",
    from: { path: "^compiler/", pathNot: TESTS },
    to: { path: "^(generators|cli)/" },
  },
  {
    name: "modules-use-engine-contracts-only",
    comment: "A module sees the engine through its contracts (runtime/engine/modules.ts), not its internals.",
    severity: "error",
    from: { path: "^runtime/modules/", pathNot: TESTS },
    to: { path: "^runtime/engine/", pathNot: "^runtime/engine/modules\\.ts$" },
  },
  {
    name: "catalogue-reaches-no-connector-schema",
    comment:
      "The connector schema is built from the catalogue; code the catalogue loads (modules and the shared pieces they use) " +
      "must not load it back at run time, or whichever file loads first sees an uninitialised union (a TDZ crash). Types are free.",
    severity: "error",
    from: { path: "^runtime/(modules|auth|pagination|net|json|expr|secrets|log|filters)/", pathNot: TESTS },
    to: { path: "^runtime/artifact/(index|connector)\\.ts$", dependencyTypesNot: ["type-only"] },
  },
  {
    name: "shipped-code-imports-no-tests",
    comment: "Test harnesses and test files are not shipped: nothing built into dist/ may import them.",
    severity: "error",
    from: { pathNot: TESTS },
    to: { path: TESTS },
  },
];
