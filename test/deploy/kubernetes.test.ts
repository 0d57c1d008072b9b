import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { KUBERNETES_DIR, kubernetesErrors, type Manifest, readManifests } from "./manifests.js";

const manifests = readManifests();
const byKind = (kind: string) => manifests.filter((m) => m.object.kind === kind).map((m) => m.object as never);

interface Container {
  name: string;
  args?: string[];
  livenessProbe?: { httpGet?: { path: string } };
  readinessProbe?: { httpGet?: { path: string } };
  resources?: { requests?: Record<string, string> };
  securityContext?: { readOnlyRootFilesystem?: boolean; allowPrivilegeEscalation?: boolean };
  envFrom?: { secretRef?: { name: string } }[];
}
interface PodSpec {
  containers: Container[];
  securityContext?: { runAsNonRoot?: boolean };
}

describe("deploy/kubernetes", () => {
  it("holds a Deployment, a Service, a PodDisruptionBudget, a CronJob and an example Secret", () => {
    expect(manifests.map((m) => m.object.kind).sort()).toEqual([
      "CronJob",
      "Deployment",
      "PodDisruptionBudget",
      "Secret",
      "Service",
    ]);
  });

  it.each(manifests.map((m) => [`${m.file} ${m.object.kind}`, m] as const))(
    "%s is valid against the Kubernetes schema",
    async (_name, manifest) => {
      expect(await kubernetesErrors(manifest.object)).toEqual([]);
    },
  );

  it("refuses a broken manifest (the validation can fail)", async () => {
    const deployment = structuredClone(manifests.find((m) => m.object.kind === "Deployment")!.object) as never as {
      spec: { template: { spec: PodSpec } };
    };
    delete (deployment.spec.template.spec.containers[0] as Partial<Container>).name;
    const errors = await kubernetesErrors(deployment as never as Manifest["object"]);
    expect(errors.join("\n")).toMatch(/containers\/0 must have required property name/);
  });

  it("probes the workers on /healthz and /readyz, non-root, read-only root, with requests", () => {
    const [deployment] = byKind("Deployment") as { spec: { template: { spec: PodSpec } } }[];
    const pod = deployment!.spec.template.spec;
    expect(pod.securityContext?.runAsNonRoot).toBe(true);
    for (const container of pod.containers) {
      expect(container.livenessProbe?.httpGet?.path).toBe("/healthz");
      expect(container.readinessProbe?.httpGet?.path).toBe("/readyz");
      expect(container.resources?.requests).toMatchObject({ cpu: expect.any(String), memory: expect.any(String) });
      expect(container.securityContext).toMatchObject({
        readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false,
      });
    }
  });

  it("references only the Secret the example defines, and every file kustomize lists exists", () => {
    const [secret] = byKind("Secret") as { metadata: { name: string }; stringData: Record<string, string> }[];
    expect(Object.keys(secret!.stringData)).toContain("CANNECTORS_STATE");
    const refs = manifests.flatMap((m) => JSON.stringify(m.object).match(/"secretRef":\{"name":"[^"]+"\}/g) ?? []);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(ref).toContain(`"name":"${secret!.metadata.name}"`);
    const kustomization = YAML.parse(fs.readFileSync(path.join(KUBERNETES_DIR, "kustomization.yaml"), "utf8")) as {
      resources: string[];
      configMapGenerator: { files: string[] }[];
    };
    const listed = [...kustomization.resources, ...kustomization.configMapGenerator.flatMap((g) => g.files)];
    for (const file of listed) expect(fs.existsSync(path.join(KUBERNETES_DIR, file)), file).toBe(true);
    // The example Secret is applied by hand from a filled-in copy, never by kustomize.
    expect(kustomization.resources).not.toContain("secret.example.yaml");
  });

  it("runs one-off connectors with `cannectors run` and never two at once", () => {
    const [cronJob] = byKind("CronJob") as {
      spec: { concurrencyPolicy: string; jobTemplate: { spec: { template: { spec: PodSpec } } } };
    }[];
    expect(cronJob!.spec.concurrencyPolicy).toBe("Forbid");
    expect(cronJob!.spec.jobTemplate.spec.template.spec.containers[0]!.args?.[0]).toBe("run");
  });
});
