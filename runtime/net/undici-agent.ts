import { createRequire } from "node:module";
import type { Dispatcher, Agent as UndiciAgent } from "undici";

/**
 * undici's Agent and its `request`, without undici's index, which also loads fetch, WebSocket,
 * cookies and caches (~95 ms of every `cannectors run` start-up under load, for the one class we
 * use). undici has no `exports` map, so the files are reachable; undici-agent.test.ts checks they
 * are still the very ones the index exports, so an upgrade that moves them fails the tests.
 */
const require = createRequire(import.meta.url);
export const Agent = require("undici/lib/dispatcher/agent.js") as typeof UndiciAgent;
export type Agent = UndiciAgent;

/** The index installs this as `Dispatcher.prototype.request`; called here without that mutation. */
export const requestWith = require("undici/lib/api/api-request.js") as (
  this: Dispatcher,
  options: Dispatcher.RequestOptions,
) => Promise<Dispatcher.ResponseData>;
