import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { validateArtifactFile } from "../../runtime/validate/index.js";

export interface ListedConnector {
  file: string;
  name: string;
  input: string;
  output: string;
  valid: boolean;
}

const SKIP = new Set(["node_modules", ".git", ".cannectors", "dist"]);
const MAX_DEPTH = 4;

/** The connector artifacts (YAML) under `dir`: every file that declares `kind: Connector`. */
export async function connectorsIn(dir: string): Promise<ListedConnector[]> {
  const files: string[] = [];
  const walk = (at: string, depth: number) => {
    if (depth > MAX_DEPTH) return;
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      if (SKIP.has(entry.name)) continue;
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) walk(full, depth + 1);
      else if (/\.ya?ml$/.test(entry.name)) files.push(full);
    }
  };
  walk(dir, 0);
  const listed: ListedConnector[] = [];
  for (const file of files.sort()) {
    // Not every YAML file is a connector: list only the ones that say they are.
    if (!/^kind:\s*Connector\s*$/m.test(readFileSync(file, "utf8"))) continue;
    const connector = (await validateArtifactFile(file)).artifact?.connector;
    if (!connector) {
      listed.push({ file, name: "", input: "", output: "", valid: false });
      continue;
    }
    listed.push({
      file,
      name: connector.metadata.name,
      input: connector.input.type,
      output: connector.output.type,
      valid: true,
    });
  }
  return listed;
}
