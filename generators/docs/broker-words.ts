/** Broker inputs and outputs in plain words: where messages come from or go, and the delivery contract. */
import type { Connector } from "../../runtime/artifact/index.js";
import type { Fact, ModuleDoc } from "./model-types.js";

type BrokerInput = Exclude<Connector["input"], { type: "http" | "webhook" | "sql" }>;
type BrokerOutput = Extract<Connector["output"], { type: "amqp" }>;

/** Where the URL's credentials stay out of the docs: only its scheme and host are shown. */
function host(url: string): string {
  const match = /^([a-z]+:\/\/)(?:[^@/]*@)?([^/]*)/.exec(url);
  return match ? `${match[1]}${match[2]}` : "(broker url)";
}

export function brokerInputFlow(input: BrokerInput): { summary: string; detail: string } {
  return { summary: `${input.type} queue ${input.queue}`, detail: host(input.url) };
}

export function brokerOutputFlow(output: BrokerOutput): { summary: string; detail: string } {
  return {
    summary: `${output.type} ${output.exchange || "(default exchange)"} ${output.routingKey}`,
    detail: host(output.url),
  };
}

export function brokerInputDoc(input: BrokerInput): ModuleDoc {
  const facts: Fact[] = [
    { label: "Broker", text: `${input.type} queue \`${input.queue}\` at ${host(input.url)}` },
    { label: "Acknowledgement", text: "after every output acknowledged the records a message produced" },
    { label: "In flight", text: `at most ${input.prefetch} unacknowledged messages` },
    { label: "Redeliveries", text: `${input.redeliveryLimit}, then the ${input.deadLetter} dead letter` },
  ];
  return { title: "Input", facts };
}

export function brokerOutputDoc(output: BrokerOutput): ModuleDoc {
  const facts: Fact[] = [
    { label: "Broker", text: `${output.type} exchange \`${output.exchange}\`, routing key \`${output.routingKey}\`` },
    { label: "Batching", text: output.batch ? `${output.batch.size} messages confirmed together` : "one at a time" },
    {
      label: "Idempotency",
      text: output.idempotency ? `header \`${output.idempotency.header}\` on every message` : "none",
    },
  ];
  return { title: "Output", facts };
}
