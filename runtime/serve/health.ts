/** Readiness: not ready until artifacts are loaded and the state db is open; not ready again while draining. */
export interface Readiness {
  readonly state: "starting" | "ready" | "draining";
  ready(): void;
  draining(): void;
}

export function createReadiness(): Readiness {
  let state: Readiness["state"] = "starting";
  return {
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

export function readyz(readiness: Readiness): Response {
  return json(readiness.state === "ready" ? 200 : 503, { status: readiness.state });
}
