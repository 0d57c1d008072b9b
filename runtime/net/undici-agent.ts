import type { Dispatcher, Agent as UndiciAgent } from "undici";
// Static imports of two CommonJS files (their module.exports as default), so the CLI's bundle
// (cli/bundle/write-bundle.ts) can inline them; types are in undici-files.d.ts.
import agent from "undici/lib/dispatcher/agent.js";
import apiRequest from "undici/lib/api/api-request.js";

/**
 * undici's Agent and its `request`, without undici's index, which also loads fetch, WebSocket,
 * cookies and caches (~95 ms of every `cannectors run` start-up under load, for the one class we
 * use). undici has no `exports` map, so the files are reachable; undici-agent.test.ts checks they
 * are still the very ones the index exports, so an upgrade that moves them fails the tests.
 */
export const Agent = agent as typeof UndiciAgent;
export type Agent = UndiciAgent;

/** The index installs this as `Dispatcher.prototype.request`; called here without that mutation. */
export const requestWith = apiRequest as (
  this: Dispatcher,
  options: Dispatcher.RequestOptions,
) => Promise<Dispatcher.ResponseData>;
