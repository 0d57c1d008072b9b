/** The words of the generated docs for a files output (runtime/modules/output-files). */
import type { Connector } from "../../runtime/artifact/index.js";
import type { ModuleDoc } from "./model-types.js";

type FilesOutput = Extract<Connector["output"], { type: "files" }>;

export function filesSummary(output: FilesOutput): { summary: string; detail: string } {
  return {
    summary: `${output.format} files in ${output.location}`,
    detail: output.location.startsWith("s3://") ? "object storage" : "local folder",
  };
}

export function filesOutputDoc(output: FilesOutput): ModuleDoc {
  return {
    title: "Output",
    facts: [
      { label: "Files", text: `${output.format} in \`${output.location}\`` },
      { label: "Partition", text: output.partition ? `\`${output.partition}\`` : "none: every file in the location" },
      {
        label: "Rolling",
        text: `a new file every ${output.roll.records} records or ${output.roll.bytes} bytes of JSON text`,
      },
      { label: "Finalised", text: "each file appears whole (rename, or a completed upload) before the cursor moves" },
    ],
  };
}
