import { existsSync } from "node:fs";
import { hasErrors } from "../runtime/diagnostics/index.js";
import { type LoadedArtifact, validateArtifactFile } from "../runtime/validate/index.js";
import { reportDiagnostics } from "./report-diagnostics.js";
import { EXIT } from "./terminal.js";

/** A connector named on the command line: by its artifact file, or by its name alone. */
export interface NamedConnector {
  name: string;
  /** The artifact file, or the name when only the name was given. */
  file: string;
  /** Unknown (undefined) when only the name was given. */
  incremental: boolean | undefined;
  artifact: LoadedArtifact | undefined;
}

const CONNECTOR_NAME = /^[a-z0-9][a-z0-9._-]*$/i;

/**
 * An existing file is validated (no secrets needed: nothing is called) and gives the connector's
 * name; anything else must look like a connector name. Returns the exit code after reporting why not.
 */
export async function resolveConnectorArgument(arg: string): Promise<NamedConnector | number> {
  if (!existsSync(arg)) {
    if (CONNECTOR_NAME.test(arg)) return { name: arg, file: arg, incremental: undefined, artifact: undefined };
    process.stderr.write(`${arg}: no such connector file, and not a connector name\n`);
    return EXIT.invalid;
  }
  const validation = await validateArtifactFile(arg);
  if (hasErrors(validation.diagnostics) || !validation.artifact) {
    reportDiagnostics(validation.diagnostics);
    return EXIT.invalid;
  }
  const { connector } = validation.artifact;
  return {
    name: connector.metadata.name,
    file: arg,
    incremental:
      connector.input.type === "http" &&
      (connector.input.incremental !== undefined || connector.input.children?.incremental !== undefined),
    artifact: validation.artifact,
  };
}
