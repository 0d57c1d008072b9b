export { apiKeyAuthenticator } from "./api-key.js";
export { type AuthContext, type Authenticator, noAuth } from "./authenticator.js";
export { basicAuthenticator, basicCredentials } from "./basic.js";
export { bearerAuthenticator } from "./bearer.js";
export { createAuthenticator } from "./create-authenticator.js";
export { oauth2Authenticator } from "./oauth2-client-credentials.js";
export { type AccessToken, requestAccessToken } from "./oauth2-token-request.js";
