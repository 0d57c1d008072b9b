/**
 * Test support: the Kubernetes manifests in deploy/kubernetes, and their validation against the
 * Kubernetes JSON schemas that kubernetes-models ships (installed from npm; no network).
 */
import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";

export const KUBERNETES_DIR = path.resolve(import.meta.dirname, "../../deploy/kubernetes");

export interface Manifest {
  file: string;
  object: { apiVersion: string; kind: string; metadata: { name: string }; [key: string]: unknown };
}

/** Every object of every `*.yaml` in the folder (kustomization.yaml is kustomize's, not the API's). */
export function readManifests(dir = KUBERNETES_DIR): Manifest[] {
  return fs
    .readdirSync(dir)
    .filter((file) => file.endsWith(".yaml") && file !== "kustomization.yaml")
    .flatMap((file) =>
      YAML.parseAllDocuments(fs.readFileSync(path.join(dir, file), "utf8")).map((document) => ({
        file,
        object: document.toJS() as Manifest["object"],
      })),
    );
}

/** The schema errors of one object (empty when valid); throws for a kind the package does not know. */
export async function kubernetesErrors(object: Manifest["object"]): Promise<string[]> {
  const group = object.apiVersion === "v1" ? "v1" : object.apiVersion;
  const module = (await import(`kubernetes-models/${group}/${object.kind}`)) as Record<
    string,
    new (
      data: unknown,
    ) => { validate(): void }
  >;
  const Model = module[object.kind];
  if (Model === undefined) throw new Error(`kubernetes-models has no ${object.apiVersion} ${object.kind}`);
  try {
    new Model(object).validate();
    return [];
  } catch (error) {
    return [(error as Error).message];
  }
}
