/**
 * The stderr line cpu-report.ts writes: `PREFIX <cpu µs> <wall ms> <start µs>`, the first two counted
 * from the first HTTP request, the last that request's monotonic time (a CPU profile's clock).
 */
export const CPU_LINE = "bench-work-usage ";
