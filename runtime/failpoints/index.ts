export { type ArmedFailpoint, FAILPOINTS, type FailpointName, failpoint, parseFailpoint } from "./failpoint.js";
