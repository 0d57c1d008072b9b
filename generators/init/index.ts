export { type InitOptions, type InitResult, initProject } from "./init-project.js";
