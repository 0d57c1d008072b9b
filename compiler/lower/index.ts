export { lowerConnector } from "./connector.js";
export type { ComputeField, LambdaLowering, LambdaRole, LoweredLambda } from "./lambda.js";
export { lowerLambda } from "./lambda.js";
export type { LoweringSource } from "./module.js";
export type { LoweringOptions } from "./options.js";
export { lowerString } from "./values.js";
