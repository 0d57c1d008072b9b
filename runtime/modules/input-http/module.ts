import { watchDrift } from "../../contract/drift-watch.js";
import { sourceContractOf } from "../../contract/source-contract.js";
import type { InputModule } from "../../engine/modules.js";
import type { Logger } from "../../log/types.js";
import { inputKind } from "../module.js";
import { createChildrenInput } from "./children/children-input.js";
import { createHttpInput } from "./http-input.js";
import { HttpInput } from "./schema.js";

export const httpInput = inputKind({
  type: "http",
  schema: HttpInput,
  create(spec, { context, authenticator, maxDepth }) {
    const ctx = { ...context, auth: authenticator(spec.auth) };
    // With children the records are the child operation's: the parent's contract does not describe them.
    if (spec.children) return createChildrenInput({ ...spec, children: spec.children }, ctx, maxDepth);
    return withContract(createHttpInput(spec, ctx, maxDepth), spec, context.logger);
  },
});

/** With `input.contract`, sampled records are checked against the source's OpenAPI contract. */
function withContract(input: InputModule, spec: HttpInput, logger: Logger): InputModule {
  const contract = sourceContractOf(spec);
  if (!contract || !spec.contract) return input;
  return watchDrift(input, contract, { mode: spec.contract.mode, sampleEvery: spec.contract.sampleEvery, logger });
}
