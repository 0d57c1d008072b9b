/**
 * A small Prometheus registry writing the text exposition format (version 0.0.4) by hand: three
 * metric kinds are all serve needs, and owning the ~100 lines beats a dependency.
 */
export type Labels = Record<string, string>;

interface Family {
  name: string;
  help: string;
  type: "counter" | "gauge" | "histogram";
  render(): string[];
}

export interface Counter {
  inc(labels?: Labels, by?: number): void;
}

export interface Gauge {
  set(labels: Labels, value: number): void;
}

export interface Histogram {
  observe(labels: Labels, value: number): void;
}

export interface MetricsRegistry {
  counter(name: string, help: string): Counter;
  gauge(name: string, help: string, collect?: () => [Labels, number][]): Gauge;
  histogram(name: string, help: string, buckets: readonly number[]): Histogram;
  render(): string;
}

export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"');
}

function formatLabels(labels: Labels, extra?: [string, string]): string {
  const pairs = Object.entries(labels).sort(([a], [b]) => a.localeCompare(b));
  if (extra) pairs.push(extra);
  if (pairs.length === 0) return "";
  return `{${pairs.map(([k, v]) => `${k}="${escapeLabelValue(v)}"`).join(",")}}`;
}

function formatValue(value: number): string {
  if (value === Number.POSITIVE_INFINITY) return "+Inf";
  if (value === Number.NEGATIVE_INFINITY) return "-Inf";
  return Number.isNaN(value) ? "NaN" : String(value);
}

/** Series keys by labels object: a caller that reuses one (a delivery counter, per request) formats it once. */
const keys = new WeakMap<Labels, string>();
const key = (labels: Labels) => {
  let found = keys.get(labels);
  if (found === undefined) {
    found = formatLabels(labels);
    keys.set(labels, found);
  }
  return found;
};

export function createMetricsRegistry(): MetricsRegistry {
  const families: Family[] = [];
  const add = (family: Family) => {
    if (families.some((f) => f.name === family.name)) throw new Error(`metric ${family.name} registered twice`);
    families.push(family);
  };
  return {
    counter(name, help) {
      const values = new Map<string, { labels: Labels; value: number }>();
      add({
        name,
        help,
        type: "counter",
        render: () => [...values.values()].map((v) => `${name}${key(v.labels)} ${formatValue(v.value)}`),
      });
      return {
        inc(labels = {}, by = 1) {
          const series = key(labels);
          const found = values.get(series) ?? { labels, value: 0 };
          found.value += by;
          values.set(series, found);
        },
      };
    },
    gauge(name, help, collect) {
      const values = new Map<string, { labels: Labels; value: number }>();
      const render = () => {
        for (const [labels, value] of collect?.() ?? []) values.set(key(labels), { labels, value });
        return [...values.values()].map((v) => `${name}${key(v.labels)} ${formatValue(v.value)}`);
      };
      add({ name, help, type: "gauge", render });
      return { set: (labels, value) => values.set(key(labels), { labels, value }) };
    },
    histogram(name, help, buckets) {
      const bounds = [...buckets].sort((a, b) => a - b);
      const series = new Map<string, { labels: Labels; counts: number[]; sum: number; count: number }>();
      const render = () =>
        [...series.values()].flatMap((s) => [
          ...bounds.map((le, i) => `${name}_bucket${formatLabels(s.labels, ["le", formatValue(le)])} ${s.counts[i]}`),
          `${name}_bucket${formatLabels(s.labels, ["le", "+Inf"])} ${s.count}`,
          `${name}_sum${key(s.labels)} ${formatValue(s.sum)}`,
          `${name}_count${key(s.labels)} ${s.count}`,
        ]);
      add({ name, help, type: "histogram", render });
      return {
        observe(labels, value) {
          const found = series.get(key(labels)) ?? { labels, counts: bounds.map(() => 0), sum: 0, count: 0 };
          bounds.forEach((le, i) => {
            if (value <= le) found.counts[i]!++;
          });
          found.sum += value;
          found.count++;
          series.set(key(labels), found);
        },
      };
    },
    render() {
      const lines = families.flatMap((f) => [
        `# HELP ${f.name} ${f.help.replace(/\\/g, "\\\\").replace(/\n/g, "\\n")}`,
        `# TYPE ${f.name} ${f.type}`,
        ...f.render(),
      ]);
      return `${lines.join("\n")}\n`;
    },
  };
}
