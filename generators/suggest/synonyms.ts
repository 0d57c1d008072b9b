/**
 * A curated, general business vocabulary: phrases that name the same concept across APIs (strong
 * synonyms) and concepts that often stand in for each other (related). Written from domain knowledge
 * of CRM, billing, commerce, HR and ticketing APIs, not from any evaluation labels.
 */
import { stem, tokenize } from "./tokens.js";

/** Each group: the canonical concept first, then phrases (in words) that mean it. */
const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ["client", "customer", "client", "buyer", "consumer", "patron"],
  [
    "organization",
    "company",
    "organization",
    "organisation",
    "employer",
    "business",
    "company name",
    "organization name",
    "business name",
    "firm",
  ],
  ["lastname", "last name", "surname", "family name", "second name"],
  ["firstname", "first name", "given name", "forename", "christian name"],
  ["middlename", "middle name", "middle initial"],
  ["fullname", "full name", "display name", "complete name", "legal name"],
  ["phone", "phone", "telephone", "phone number", "telephone number", "tel number", "landline"],
  ["mobile", "mobile", "mobile phone", "mobile number", "cell phone", "cellphone", "cell number"],
  ["email", "email", "email address", "mail address", "e mail"],
  ["postcode", "zip", "zip code", "postal code", "postcode", "post code", "postal", "postalcode"],
  ["city", "city", "town", "locality", "municipality"],
  [
    "state",
    "state",
    "region",
    "province",
    "administrative district level 1",
    "administrative area",
    "state code",
    "state province",
    "prefecture",
  ],
  ["county", "county", "administrative district level 2"],
  [
    "line1",
    "line 1",
    "address line 1",
    "address 1",
    "street",
    "street 1",
    "street address",
    "street line 1",
    "addressline1",
  ],
  ["line2", "line 2", "address line 2", "address 2", "street 2", "street line 2"],
  ["line3", "line 3", "address line 3", "address 3", "street 3"],
  ["country", "country", "country code", "nation", "country iso"],
  ["currency", "currency", "currency code", "currency iso"],
  ["note", "note", "memo", "comment", "remark", "annotation"],
  ["description", "description", "details", "summary", "body", "content", "text", "notes"],
  ["amount", "amount", "total", "total amount", "grand total", "sum", "amount total"],
  ["price", "price", "unit price", "unit amount", "unit cost", "sale price", "sales price", "list price"],
  [
    "quantity",
    "quantity",
    "stock",
    "inventory",
    "quantity on hand",
    "on hand",
    "stock level",
    "inventory quantity",
    "qty on hand",
  ],
  [
    "created",
    "created",
    "created at",
    "date created",
    "creation date",
    "created on",
    "create time",
    "inserted at",
    "created date",
    "creation time",
    "created time",
    // The day a record came to be: a `customer_since` is the customer record's creation date.
    "since",
    "member since",
    "customer since",
    "client since",
    "user since",
    "joined",
    "joined at",
    "join date",
    "registered at",
    "registration date",
    "signed up at",
    "signup date",
  ],
  [
    "updated",
    "updated",
    "updated at",
    "modified",
    "last modified",
    "date modified",
    "modified at",
    "update time",
    "last updated",
    "changed at",
    "modified date",
    "updated date",
  ],
  ["due", "due", "due date", "due at", "due on", "due by", "deadline"],
  ["identifier", "id", "identifier", "gid", "uid", "uuid", "guid", "key"],
  ["number", "number", "no", "nr"],
  ["sku", "sku", "item code", "product code", "stock keeping unit", "article number"],
  ["url", "url", "uri", "link", "href", "web url", "permalink"],
  ["website", "website", "web site", "homepage", "home page", "site", "web", "domain"],
  ["birthdate", "birth date", "date of birth", "birth", "born"],
  ["tag", "tag", "label", "keyword"],
  ["category", "category", "classification", "group"],
  ["owner", "owner", "assignee", "assigned to", "responsible", "owner id", "assigned user"],
  ["member", "member", "follower", "collaborator", "participant", "watcher", "subscriber"],
  ["payee", "payee", "merchant", "vendor", "supplier", "counterparty", "merchant name", "payee name", "seller"],
  ["complete", "completed", "complete", "closed", "done", "resolved", "finished", "is completed", "is closed"],
  ["active", "active", "enabled", "is active", "live", "published"],
  ["jobtitle", "job title", "position", "job", "role", "job name", "designation"],
  ["taxid", "tax id", "tax number", "vat number", "tax identification number", "vat id", "tax registration"],
  [
    "reference",
    "reference",
    "external id",
    "external reference",
    "reference id",
    "external ref",
    "foreign id",
    "crm id",
  ],
  ["extension", "extension", "ext"],
  ["invoice", "invoice", "bill"],
  ["product", "product", "item", "article", "good", "merchandise"],
  ["image", "image", "picture", "photo", "thumbnail"],
  ["department", "department", "division", "team"],
  ["gender", "gender", "sex"],
  ["timezone", "time zone", "timezone", "tz"],
  ["locale", "locale", "language", "lang"],
  ["message", "message", "raw text", "statement", "narration", "narrative"],
];

/** Concept pairs that often substitute for each other: similar, not the same. */
const RELATED: readonly (readonly [string, string])[] = [
  ["organization", "account"],
  ["client", "account"],
  ["client", "contact"],
  ["name", "fullname"],
  ["state", "status"],
  ["active", "status"],
  ["complete", "status"],
  ["complete", "state"],
  ["phone", "mobile"],
  ["note", "message"],
  ["description", "message"],
  ["amount", "value"],
  ["amount", "price"],
  ["price", "value"],
  ["owner", "member"],
  ["owner", "user"],
  ["sku", "code"],
  ["reference", "identifier"],
  ["reference", "number"],
  ["identifier", "number"],
  ["identifier", "code"],
  ["url", "website"],
  ["date", "created"],
  ["date", "due"],
  ["date", "timestamp"],
  ["tag", "category"],
  ["jobtitle", "title"],
  ["payee", "name"],
  ["payee", "description"],
  ["quantity", "count"],
  // An image field of an API is almost always the image's URL.
  ["image", "url"],
];

/** Related concepts that stand for each other most of the time: a task's name is its title. */
const CLOSE: readonly (readonly [string, string])[] = [
  ["name", "title"],
  ["note", "description"],
];

interface Phrase {
  words: string[];
  concept: string;
}

function buildPhrases(): Phrase[] {
  const phrases: Phrase[] = [];
  for (const [concept, ...members] of SYNONYM_GROUPS) {
    if (concept === undefined) continue;
    for (const member of members) phrases.push({ words: tokenize(member), concept });
  }
  // Longest first, so "first name" wins over "name".
  return phrases.filter((p) => p.words.length > 0).sort((a, b) => b.words.length - a.words.length);
}

const PHRASES = buildPhrases();
const FIRST_WORD = new Map<string, Phrase[]>();
for (const p of PHRASES) {
  const head = p.words[0] as string;
  FIRST_WORD.set(head, [...(FIRST_WORD.get(head) ?? []), p]);
}
const keysOf = (pairs: readonly (readonly [string, string])[]) =>
  new Set(pairs.flatMap(([a, b]) => [`${stem(a)}|${stem(b)}`, `${stem(b)}|${stem(a)}`]));
const RELATED_KEYS = keysOf(RELATED);
const CLOSE_KEYS = keysOf(CLOSE);

/** Maps tokens to concepts, replacing the longest known phrase at each position. */
export function toConcepts(tokens: readonly string[]): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < tokens.length) {
    const candidates = FIRST_WORD.get(tokens[i] as string) ?? [];
    const hit = candidates.find((p) => p.words.every((w, k) => tokens[i + k] === w));
    if (hit) {
      out.push(hit.concept);
      i += hit.words.length;
    } else {
      out.push(tokens[i] as string);
      i++;
    }
  }
  return out;
}

const CURATED = new Set([...SYNONYM_GROUPS.map((g) => g[0] as string), ...[...RELATED, ...CLOSE].flat().map(stem)]);

/**
 * A concept of the curated vocabulary: how it relates to the other curated concepts was decided there
 * (a `number` is not an `amount`, whatever a dictionary says), so general word knowledge leaves such pairs alone.
 */
export function isCuratedConcept(concept: string): boolean {
  return CURATED.has(concept);
}

/** 1 for the same concept, 0.8 for close and 0.6 for related concepts, 0 otherwise. */
export function conceptAffinity(a: string, b: string): number {
  if (a === b) return 1;
  const key = `${a}|${b}`;
  if (CLOSE_KEYS.has(key)) return 0.8;
  return RELATED_KEYS.has(key) ? 0.6 : 0;
}
