export { createShopApp, type ShopCustomer, type ShopState } from "./app.js";
export {
  generateOrders,
  generateShopCustomers,
  itemsOf,
  type Order,
  type OrderItem,
  ORDER_STATUSES,
  type OrderStatus,
} from "./orders.js";
