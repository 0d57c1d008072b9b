/** Fixed, public credentials of the bundled demo APIs: they guard nothing but loopback test data. */
export const DEMO_CREDENTIALS = {
  crmApiKey: "demo-crm-key-6f1d2a",
  erpClientId: "demo-erp-client",
  erpClientSecret: "demo-erp-secret-93b7c1",
  shopToken: "demo-shop-token-4c8e0b",
} as const;

export type DemoCredentials = { readonly [K in keyof typeof DEMO_CREDENTIALS]: string };
