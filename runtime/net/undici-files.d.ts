// The two undici files undici-agent.ts imports by path (undici types its index only).
declare module "undici/lib/dispatcher/agent.js" {
  const agent: unknown;
  export default agent;
}
declare module "undici/lib/api/api-request.js" {
  const apiRequest: unknown;
  export default apiRequest;
}
