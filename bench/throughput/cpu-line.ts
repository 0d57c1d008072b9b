/** The stderr line cpu-report.ts writes: `PREFIX <cpu µs> <wall ms>`, both counted from the first HTTP request. */
export const CPU_LINE = "bench-work-usage ";
