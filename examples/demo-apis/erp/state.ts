import type { ErpClient } from "./client.js";

/** What the ERP has seen, in process: the demo prints it and tests assert on it. */
export interface ErpState {
  /** Stored clients by client_id; a later write of the same id replaces the earlier. */
  clients: Map<string, ErpClient>;
  /** Records accepted and stored, duplicates included; idempotent replays and rejected requests excluded. */
  received: number;
  /** Accepted records whose client_id was already stored. */
  duplicates: number;
  /** Records in requests refused by validation. */
  rejected: number;
  /** Requests to POST /clients and POST /clients/batch, whatever their outcome. */
  requests: number;
  /** Requests answered from the idempotency store. */
  idempotentReplays: number;
  tokensIssued: number;
  /** Requests answered with an injected fault (see ErpFaults). */
  faultsInjected: number;
}

/** The state as served by GET /_stats: the same counters, with the client map as its size. */
export type ErpStats = Omit<ErpState, "clients"> & { clients: number };

export function createErpState(): ErpState {
  return {
    clients: new Map(),
    received: 0,
    duplicates: 0,
    rejected: 0,
    requests: 0,
    idempotentReplays: 0,
    tokensIssued: 0,
    faultsInjected: 0,
  };
}

/** The state as JSON (GET /_stats): the client map becomes its size. */
export function erpStats(state: ErpState): ErpStats {
  const { clients, ...counters } = state;
  return { clients: clients.size, ...counters };
}

export interface StoreOutcome {
  created: number;
  updated: number;
}

/** Upserts validated clients, counting the ones whose id was already there as duplicates. */
export function storeClients(state: ErpState, clients: readonly ErpClient[]): StoreOutcome {
  let updated = 0;
  for (const client of clients) {
    if (state.clients.has(client.client_id)) updated++;
    state.clients.set(client.client_id, client);
  }
  state.received += clients.length;
  state.duplicates += updated;
  return { created: clients.length - updated, updated };
}
