/** Unix seconds within `toleranceMs` of now, either way: refuses replays and clocks far off. */
export function timestampProblem(text: string, nowMs: number, toleranceMs: number): string | undefined {
  if (!/^\d{1,12}$/.test(text)) return "the signed timestamp is not a number of seconds";
  const skew = Math.abs(nowMs - Number(text) * 1000);
  return skew > toleranceMs ? "the signed timestamp is outside the tolerance" : undefined;
}
