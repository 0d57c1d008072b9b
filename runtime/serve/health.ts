/** Readiness: not ready until artifacts are loaded and the state db is open; not ready again while draining. */
export interface Readiness {
  readonly state: "starting" | "ready" | "draining";
  ready(): void;
  draining(): void;
  /** While ready, /readyz also asks this (the job engine's database): false answers 503. */
  dependsOn(check: () => Promise<boolean>): void;
  readonly check?: (() => Promise<boolean>) | undefined;
  /** While ready, /readyz also lists the broker consumers: one whose connection is down answers 503. */
  watchBrokers(list: () => { connector: string; connected: boolean }[]): void;
  readonly brokers?: (() => { connector: string; connected: boolean }[]) | undefined;
}

export function createReadiness(): Readiness {
  let state: Readiness["state"] = "starting";
  let check: (() => Promise<boolean>) | undefined;
  let brokers: Readiness["brokers"];
  return {
    get brokers() {
      return brokers;
    },
    watchBrokers: (list) => {
      brokers = list;
    },
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
  const consumers = readiness.brokers?.() ?? [];
  if (consumers.length === 0) return json(readiness.state === "ready" ? 200 : 503, { status: readiness.state });
  const brokers = Object.fromEntries(consumers.map((c) => [c.connector, c.connected ? "connected" : "disconnected"]));
  const down = readiness.state === "ready" && consumers.some((c) => !c.connected);
  const status = down ? "broker disconnected" : readiness.state;
  return json(readiness.state === "ready" && !down ? 200 : 503, { status, brokers });
}
