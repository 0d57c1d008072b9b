import { outputKind } from "../module.js";
import { createFilesOutput } from "./files-output.js";
import { FilesOutput } from "./schema.js";

export const filesOutput = outputKind({
  type: "files",
  schema: FilesOutput,
  create(spec, { context, deadLetter, dryRun }) {
    return createFilesOutput(spec, { ...context, deadLetter, dryRun });
  },
});
