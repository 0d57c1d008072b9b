import type { JsonRecord } from "../engine/modules.js";

/** One compiled filter: the record it passes on, or undefined when it drops the record. */
export type FilterStep = (record: JsonRecord, seq: number) => JsonRecord | undefined;
