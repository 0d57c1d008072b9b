import { describe, expect, it } from "vitest";
import { conceptAffinity, toConcepts } from "./synonyms.js";
import { splitWords, stem, tokenize } from "./tokens.js";

describe("splitWords", () => {
  it.each([
    { given: "postal_code", want: ["postal", "code"] },
    { given: "postalCode", want: ["postal", "code"] },
    { given: "PostalCode", want: ["postal", "code"] },
    { given: "postal-code", want: ["postal", "code"] },
    { given: "address.line1", want: ["address", "line", "1"] },
    { given: "Addresses[].AddressLine1", want: ["addresses", "address", "line", "1"] },
    { given: "HTTPStatusCode", want: ["http", "status", "code"] },
  ])("$given", ({ given, want }) => expect(splitWords(given)).toEqual(want));
});

describe("tokenize: abbreviations and stemming", () => {
  it.each([
    { given: "qty", want: ["quantity"] },
    { given: "total_amt", want: ["total", "amount"] },
    { given: "billingAddr", want: ["billing", "address"] },
    { given: "desc", want: ["description"] },
    { given: "invoice_no", want: ["invoice", "number"] },
    { given: "dob", want: ["birth", "date"] },
    { given: "tel", want: ["telephone"] },
    { given: "addresses", want: ["address"] },
    { given: "categories", want: ["category"] },
    { given: "eMail", want: ["email"] },
  ])("$given", ({ given, want }) => expect(tokenize(given)).toEqual(want));

  it.each([
    { given: "status", want: "status" },
    { given: "tags", want: "tag" },
    { given: "boxes", want: "box" },
    { given: "id", want: "id" },
  ])("stem $given", ({ given, want }) => expect(stem(given)).toBe(want));
});

describe("synonym concepts", () => {
  const concepts = (name: string) => toConcepts(tokenize(name));
  it.each([
    { a: "customer_id", b: "clientId" },
    { a: "zip", b: "postal_code" },
    { a: "surname", b: "last_name" },
    { a: "given_name", b: "firstName" },
    { a: "phone", b: "telephone" },
    { a: "company", b: "organization" },
    { a: "created", b: "date_created" },
    { a: "amount", b: "total" },
    { a: "address_line_1", b: "line1" },
    { a: "locality", b: "city" },
  ])("$a ~ $b", ({ a, b }) => expect(concepts(a)).toEqual(concepts(b)));

  it.each([
    { a: "first_name", b: "last_name" },
    { a: "city", b: "country" },
    { a: "created_at", b: "updated_at" },
  ])("$a is not $b", ({ a, b }) => expect(concepts(a)).not.toEqual(concepts(b)));

  it.each([
    { a: "organization", b: "account", want: 0.6 },
    { a: "status", b: "state", want: 0.6 },
    { a: "city", b: "city", want: 1 },
    { a: "city", b: "price", want: 0 },
  ])("affinity $a, $b = $want", ({ a, b, want }) => expect(conceptAffinity(a, b)).toBe(want));
});
