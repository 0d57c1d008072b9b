/** What the build's child process reports for each connector file (sent over IPC as JSON). */
import type { Diagnostic, SourceLocation } from "../../runtime/diagnostics/index.js";
import type { ConnectorInput } from "../lower/contract.js";

export interface LoweredConnector {
  /** `default` or the named export. */
  exportName: string;
  /** Where the export stands in the TS file: the location of problems found only in the emitted YAML. */
  location: SourceLocation;
  /** The lowered artifact (JSON over IPC); absent when lowering threw, which a diagnostic reports. */
  artifact?: ConnectorInput;
  diagnostics: Diagnostic[];
}

export interface LoadedFile {
  /** As given on the command line, resolved against the working directory. */
  file: string;
  connectors: LoweredConnector[];
  /** Problems running the file itself (it threw, exported no connector...). */
  diagnostics: Diagnostic[];
}

export interface RunnerReport {
  files: LoadedFile[];
}
