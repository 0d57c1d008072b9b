import { DEMO_CREDENTIALS } from "./credentials.js";
import { createCrmApp } from "./crm/app.js";
import { type CrmState, createCrmState } from "./crm/state.js";
import { createErpApp, type ErpFaults } from "./erp/app.js";
import { TOKEN_TTL_SECONDS } from "./erp/client.js";
import { createErpState, type ErpState } from "./erp/state.js";
import { TokenIssuer } from "./erp/tokens.js";
import { createSalesOrderBook, type SalesOrderBook } from "./erp/sales-orders.js";
import { listen } from "./listen.js";
import { createShopApp, type ShopState } from "./shop/app.js";
import { generateOrders, generateShopCustomers } from "./shop/orders.js";

export const DEMO_CRM_PORT = 4010;
export const DEMO_ERP_PORT = 4020;
export const DEMO_SHOP_PORT = 4030;

export interface DemoApisOptions {
  /** 0 picks an ephemeral port; default 0 (the demo passes 4010). */
  crmPort?: number;
  /** 0 picks an ephemeral port; default 0 (the demo passes 4020). */
  erpPort?: number;
  /** 0 picks an ephemeral port; default 0. */
  shopPort?: number;
  /** Orders the shop serves; default 60. */
  orders?: number;
  /** Customers the CRM starts with; default 250. */
  customers?: number;
  host?: "127.0.0.1";
  /** Clock the ERP checks token expiry against; default Date.now. */
  now?: () => number;
  /** Lifetime of ERP tokens; default 3600. */
  tokenTtlSeconds?: number;
  /** Make the ERP fail some requests on purpose, to show retries. */
  erpFaults?: ErpFaults;
}

export interface DemoApis {
  crmUrl: string;
  erpUrl: string;
  shopUrl: string;
  crm: CrmState;
  erp: ErpState;
  shop: ShopState;
  /** What the ERP's POST /sales-orders stored. */
  salesOrders: SalesOrderBook;
  close(): Promise<void>;
}

/** Starts the demo CRM, ERP and shop on loopback. */
export async function startDemoApis(options: DemoApisOptions = {}): Promise<DemoApis> {
  const host = options.host ?? "127.0.0.1";
  const crm = createCrmState(options.customers ?? 250);
  const erp = createErpState();
  const tokens = new TokenIssuer(
    { clientId: DEMO_CREDENTIALS.erpClientId, clientSecret: DEMO_CREDENTIALS.erpClientSecret },
    options.tokenTtlSeconds ?? TOKEN_TTL_SECONDS,
    options.now ?? Date.now,
  );
  const crmServer = await listen(createCrmApp(crm, DEMO_CREDENTIALS.crmApiKey), "demo CRM", host, options.crmPort ?? 0);
  const salesOrders = createSalesOrderBook();
  const erpApp = createErpApp({ state: erp, tokens, faults: options.erpFaults, salesOrders });
  const erpServer = await listen(erpApp, "demo ERP", host, options.erpPort ?? 0).catch(async (error: unknown) => {
    await crmServer.close();
    throw error;
  });
  const customerCount = options.customers ?? 250;
  const shop: ShopState = {
    orders: generateOrders(options.orders ?? 60, Math.min(customerCount, 40)),
    customers: generateShopCustomers(Math.min(customerCount, 40)),
    reviews: [],
    requests: 0,
  };
  const shopApp = createShopApp(shop, DEMO_CREDENTIALS.shopToken);
  const shopServer = await listen(shopApp, "demo shop", host, options.shopPort ?? 0).catch(async (error: unknown) => {
    await Promise.all([crmServer.close(), erpServer.close()]);
    throw error;
  });
  return {
    crmUrl: crmServer.url,
    erpUrl: erpServer.url,
    shopUrl: shopServer.url,
    crm,
    erp,
    shop,
    salesOrders,
    close: async () => {
      await Promise.all([crmServer.close(), erpServer.close(), shopServer.close()]);
    },
  };
}
