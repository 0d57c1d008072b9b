export { createHttpInput } from "./http-input.js";
export { findLink, type Link, parseLinkHeader } from "../../pagination/link-header.js";
export { createPaginator, type FetchedPage, type NextPage, type Paginator } from "../../pagination/index.js";
