/**
 * What a target's contract finds wrong in a planned payload, located so a reader can go straight to
 * it: the record (its seq in the run's stream), the JSON pointer in the payload, the schema rule
 * broken. The record's value is never copied into a violation: the planned request shows it exact.
 */
export interface ContractProblem {
  /** JSON pointer in the payload (the request body): `/clients/3/balance_cents`; `` for the whole body. */
  pointer: string;
  /** The schema rule, as a pointer in the schema plus its keyword: `#/properties/clients/items/properties/balance_cents/type`. */
  rule: string;
  /** In words: `must be integer`. */
  message: string;
}

export interface ContractViolation extends ContractProblem {
  /** The record's position in the run's stream (the seq of its dead letter). */
  seq: number;
  /** The output whose payload it is, when nested in routes, fanout or fallback: `output.routes[1].output`. */
  output?: string;
}

/** The problems the target's contract finds in one payload; empty when it accepts it. */
export type PayloadCheck = (payload: unknown) => ContractProblem[];

/** How many violations a summary keeps word for word; the count covers them all. */
export const KEPT_VIOLATIONS = 50;

export interface ContractViolations {
  /** The spec the payloads were checked against. */
  spec: string;
  count: number;
  /** The first ones, in the order found. */
  first: ContractViolation[];
}

/** `record seq 12 at /clients/0/balance_cents: must be integer (#/…/type)`: one line, no record value. */
export function describeViolation(v: ContractViolation): string {
  const where = v.output === undefined ? "" : `${v.output}: `;
  return `${where}record seq ${v.seq} at ${v.pointer || "(body)"}: ${v.message} (${v.rule})`;
}

export interface ViolationCollector {
  add(violation: ContractViolation): void;
  /** Plain data (for a run summary, JSON): every violation counted, the first few kept. */
  readonly result: ContractViolations;
}

export function violationCollector(spec: string): ViolationCollector {
  const result: ContractViolations = { spec, count: 0, first: [] };
  return {
    add(violation) {
      result.count++;
      if (result.first.length < KEPT_VIOLATIONS) result.first.push(violation);
    },
    result,
  };
}

/** What an output is handed when its payloads are checked against the target's contract. */
export interface OutputContract {
  check: PayloadCheck;
  /**
   * True in a dry run: a record the contract refuses fails there, as the target's 4xx would.
   * False in a fixture replay: reported, and sent all the same, so the requests compared are a real run's.
   */
  refuse: boolean;
  report(violation: ContractViolation): void;
}
