import { outputKind } from "../module.js";
import { createHttpOutput } from "./http-output.js";
import { HttpOutput } from "./schema.js";

export const httpOutput = outputKind({
  type: "http",
  schema: HttpOutput,
  create(spec, { context, authenticator, deadLetter, dryRun, contract }) {
    return createHttpOutput(spec, {
      ...context,
      auth: authenticator(spec.auth),
      deadLetter,
      ...(dryRun ? { dryRun } : {}),
      ...(contract ? { contract } : {}),
    });
  },
});
