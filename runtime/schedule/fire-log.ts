import type { StateStore } from "../state/index.js";

/** Where the scheduler remembers each connector's last fire time, across restarts. */
export interface FireLog {
  lastFire(connector: string): number | undefined;
  recordFire(connector: string, at: number): void;
}

/**
 * Kept in the state store's cursor table under `schedule:NAME`: connector names are DNS labels,
 * so the colon can never collide with a connector's own cursor, and the write is durable when it
 * returns (synchronous=FULL), like a cursor.
 */
export function stateFireLog(store: StateStore): FireLog {
  const key = (connector: string) => `schedule:${connector}`;
  return {
    lastFire: (connector) => {
      const value = store.getCursor(key(connector));
      const at = value === undefined ? Number.NaN : Date.parse(value);
      return Number.isNaN(at) ? undefined : at;
    },
    recordFire: (connector, at) => store.setCursor(key(connector), new Date(at).toISOString(), "scheduler"),
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
