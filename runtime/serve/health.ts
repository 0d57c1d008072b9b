/** Readiness: not ready until artifacts are loaded and the state db is open; not ready again while draining. */
export interface Readiness {
  readonly state: "starting" | "ready" | "draining";
  ready(): void;
  draining(): void;
  /** While ready, /readyz also asks this (the job engine's database): false answers 503. */
  dependsOn(check: () => Promise<boolean>): void;
  readonly check?: (() => Promise<boolean>) | undefined;
}

export function createReadiness(): Readiness {
  let state: Readiness["state"] = "starting";
  let check: (() => Promise<boolean>) | undefined;
  return {
    get check() {
      return check;
    },
    dependsOn: (next) => {
      check = next;
    },
    get state() {
      return state;
    },
    ready: () => {
      if (state === "starting") state = "ready";
    },
    draining: () => {
      state = "draining";
    },
  };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

/** Liveness: the process answers; nothing else is checked, so a busy run never gets it restarted. */
export function healthz(): Response {
  return json(200, { status: "ok" });
}

export async function readyz(readiness: Readiness): Promise<Response> {
  if (readiness.state === "ready" && readiness.check && !(await readiness.check().catch(() => false))) {
    return json(503, { status: "job engine unreachable" });
  }
  return json(readiness.state === "ready" ? 200 : 503, { status: readiness.state });
}
