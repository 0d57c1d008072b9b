import type { JsonRecord, ModuleContext } from "../engine/modules.js";
import type { Authenticator } from "../auth/authenticator.js";
import type { Auth } from "../auth/schema.js";

/** One compiled filter: the record it passes on, or undefined when it drops the record. */
export type FilterStep = (record: JsonRecord, seq: number) => JsonRecord | undefined;

/**
 * One record in, any number out (split). Every record out shares the source record's seq, so the
 * cursor moves past the source record only once all of them are settled.
 */
export interface ManyStep {
  readonly kind: "many";
  run(record: JsonRecord, seq: number): JsonRecord[];
}

/** A record on its way through a page-level filter, with the seq of the source record it came from. */
export interface PageItem {
  seq: number;
  value: JsonRecord;
}

/** A record a page-level filter could not process: that record's dead letter, not the run's failure. */
export interface ItemFailure {
  seq: number;
  record: JsonRecord;
  reason: string;
}

export interface PageResult {
  /** What passes on, in input order. */
  items: PageItem[];
  failures: ItemFailure[];
}

/** A page-level filter once wired: it sees a page at a time and may wait (a lookup over HTTP). */
export interface PageStage {
  page(items: PageItem[]): PageResult | Promise<PageResult>;
  /** What it still holds at the end of the stream (an aggregate's open window). */
  flush(): PageResult;
  /** Whether it holds records read but not passed on yet: the cursor must not move past them. */
  readonly holding: boolean;
}

/** What a page-level filter may reach: the run's HTTP client (scoped to its hosts), auth, retries. */
export interface FilterWiring {
  /** The run's context, its client limited to the hosts `filter` names (baseUrl, tokenUrl, allowHosts). */
  context(filter: unknown): ModuleContext;
  authenticator(auth: Auth | undefined): Authenticator;
}

/** A filter that works on pages (enrich, aggregate): built once the run is wired. */
export interface PageStep {
  readonly kind: "page";
  open(wiring: FilterWiring | undefined): PageStage;
}

/** What a filter kind compiles to. Only a FilterStep may sit inside a condition's branch. */
export type CompiledStep = FilterStep | ManyStep | PageStep;
