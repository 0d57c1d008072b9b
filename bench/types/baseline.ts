/** The baseline of the type-performance bench: the GitHub types alone, with no connector over them. */
import type { paths } from "./generated/github.js";

export type PullsOperation = paths["/repos/{owner}/{repo}/pulls"]["get"];
