/** Broker inputs and outputs in plain words: where messages come from or go, and the delivery contract. */
import type { Connector } from "../../runtime/artifact/index.js";
import type { Fact, ModuleDoc } from "./model-types.js";

type BrokerInput = Exclude<Connector["input"], { type: "http" | "webhook" | "sql" }>;
export type BrokerOutput = Extract<Connector["output"], { type: "amqp" | "nats" | "redis" | "mqtt" }>;

/** An output that publishes to a message broker (one message per record). */
export function isBrokerOutput(output: Connector["output"]): output is BrokerOutput {
  return output.type === "amqp" || output.type === "nats" || output.type === "redis" || output.type === "mqtt";
}

/** Where the URL's credentials stay out of the docs: only its scheme and host are shown. */
function host(url: string): string {
  const match = /^([a-z]+:\/\/)(?:[^@/]*@)?([^/]*)/.exec(url);
  return match ? `${match[1]}${match[2]}` : "(broker url)";
}

function source(input: BrokerInput): string {
  if (input.type === "amqp") return `amqp queue \`${input.queue}\``;
  if (input.type === "redis") return `redis stream \`${input.stream}\`, group \`${input.group}\``;
  if (input.type === "mqtt") return `mqtt topics \`${input.topics.join(", ")}\`, session \`${input.clientId}\``;
  return `nats stream \`${input.stream}\`, durable consumer \`${input.consumer}\``;
}

function destination(output: BrokerOutput): string {
  if (output.type === "amqp") return `amqp exchange \`${output.exchange}\`, routing key \`${output.routingKey}\``;
  if (output.type === "mqtt") return `mqtt topic \`${output.topic}\``;
  return output.type === "redis" ? `redis stream \`${output.stream}\`` : `nats subject \`${output.subject}\``;
}

const deadLetterOf = (input: BrokerInput) => (input.type === "amqp" ? input.deadLetter : "file");

export function brokerInputFlow(input: BrokerInput): { summary: string; detail: string } {
  return { summary: source(input).replaceAll("`", ""), detail: host(input.url) };
}

export function brokerOutputFlow(output: BrokerOutput): { summary: string; detail: string } {
  const summary =
    output.type === "amqp"
      ? `${output.type} ${output.exchange || "(default exchange)"} ${output.routingKey}`
      : `${output.type} ${destinationName(output)}`;
  return { summary, detail: host(output.url) };
}

export function brokerInputDoc(input: BrokerInput): ModuleDoc {
  const facts: Fact[] = [
    { label: "Broker", text: `${source(input)} at ${host(input.url)}` },
    { label: "Acknowledgement", text: "after every output acknowledged the records a message produced" },
    { label: "In flight", text: `at most ${input.prefetch} unacknowledged messages` },
    { label: "Redeliveries", text: `${input.redeliveryLimit}, then the ${deadLetterOf(input)} dead letter` },
  ];
  return { title: "Input", facts };
}

export function brokerOutputDoc(output: BrokerOutput): ModuleDoc {
  const facts: Fact[] = [
    { label: "Broker", text: destination(output) },
    { label: "Batching", text: output.batch ? `${output.batch.size} messages confirmed together` : "one at a time" },
    {
      label: "Idempotency",
      text: output.idempotency ? `header \`${output.idempotency.header}\` on every message` : "none",
    },
  ];
  return { title: "Output", facts };
}

function destinationName(output: Exclude<BrokerOutput, { type: "amqp" }>): string {
  return output.type === "redis" ? output.stream : output.type === "mqtt" ? output.topic : output.subject;
}
