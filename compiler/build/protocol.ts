/** What the build's child process reports for each connector file (sent over IPC as JSON). */
import type { Diagnostic, SourceLocation } from "../../runtime/diagnostics/index.js";

export interface LoweredConnector {
  /** `default` or the named export. */
  exportName: string;
  /** Where the export stands in the TS file: the location of problems found only in the emitted YAML. */
  location: SourceLocation;
  artifact: Record<string, unknown>;
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
