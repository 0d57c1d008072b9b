import type { StateStore } from "../state/index.js";

/** Where the scheduler remembers each connector's last fire time, across restarts. */
export interface FireLog {
  lastFire(connector: string): number | undefined;
  recordFire(connector: string, at: number): void;
}

/** A fire log kept in the state store: `prime` reads the connectors' last fires before they are scheduled. */
export interface StateFireLog extends FireLog {
  prime(connectors: readonly string[]): Promise<void>;
}

/**
 * Kept in the state store's cursor table under `schedule:NAME`: connector names are DNS labels,
 * so the colon can never collide with a connector's own cursor. The scheduler asks synchronously,
 * so the last fires are read ahead (`prime`) and kept here; a fire is written through at once (on
 * SQLite it is durable by the time `recordFire` returns) and a failed write is reported to `onError`.
 */
export function stateFireLog(store: StateStore, onError: (error: unknown) => void = () => undefined): StateFireLog {
  const key = (connector: string) => `schedule:${connector}`;
  const known = new Map<string, number>();
  return {
    async prime(connectors) {
      for (const connector of connectors) {
        const value = await store.getCursor(key(connector));
        const at = value === undefined ? Number.NaN : Date.parse(value);
        if (!Number.isNaN(at)) known.set(connector, Math.max(at, known.get(connector) ?? at));
      }
    },
    lastFire: (connector) => known.get(connector),
    recordFire: (connector, at) => {
      known.set(connector, at);
      store.setCursor(key(connector), new Date(at).toISOString(), "scheduler").catch(onError);
    },
  };
}

export function memoryFireLog(): FireLog & { entries: Map<string, number> } {
  const entries = new Map<string, number>();
  return {
    entries,
    lastFire: (connector) => entries.get(connector),
    recordFire: (connector, at) => {
      entries.set(connector, at);
    },
  };
}
