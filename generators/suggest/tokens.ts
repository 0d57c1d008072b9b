/**
 * Field-name tokenisation: split identifiers written in any casing convention into lower-case words,
 * expand common abbreviations and strip plural endings, so `billingAddr.zipCode`, `billing_address.zip_code`
 * and `BillingAddress.ZipCode` all read the same.
 */

const ABBREVIATIONS: Readonly<Record<string, readonly string[]>> = {
  qty: ["quantity"],
  amt: ["amount"],
  addr: ["address"],
  adr: ["address"],
  desc: ["description"],
  descr: ["description"],
  num: ["number"],
  // Too short for the plural rule of `stem`.
  ids: ["id"],
  no: ["number"],
  nr: ["number"],
  nbr: ["number"],
  dob: ["birth", "date"],
  tel: ["telephone"],
  ph: ["phone"],
  fname: ["first", "name"],
  lname: ["last", "name"],
  mname: ["middle", "name"],
  dt: ["date"],
  ts: ["timestamp"],
  ref: ["reference"],
  org: ["organization"],
  dept: ["department"],
  msg: ["message"],
  img: ["image"],
  pic: ["picture"],
  cat: ["category"],
  ccy: ["currency"],
  curr: ["currency"],
  cust: ["customer"],
  acct: ["account"],
  acc: ["account"],
  prod: ["product"],
  pct: ["percent"],
  ext: ["extension"],
  info: ["information"],
  cell: ["mobile"],
  zipcode: ["zip", "code"],
  postcode: ["postal", "code"],
  firstname: ["first", "name"],
  lastname: ["last", "name"],
  fullname: ["full", "name"],
  surname: ["last", "name"],
  username: ["user", "name"],
  birthdate: ["birth", "date"],
  birthday: ["birth", "date"],
};

/** Splits one identifier (or a dotted path) into raw lower-case words, without any normalisation. */
export function splitWords(identifier: string): string[] {
  return identifier
    .replace(/\[\]/g, " ")
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .replace(/([A-Za-z])([0-9])/g, "$1 $2")
    .replace(/([0-9])([A-Za-z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== "");
}

/** Light stemming: plural endings only, which is what differs between `address` and `addresses`. */
export function stem(word: string): string {
  if (word.length <= 3 || /^[0-9]+$/.test(word)) return word;
  if (word.endsWith("ies") && word.length > 4) return `${word.slice(0, -3)}y`;
  if (/(ss|sh|ch|x)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith("s") && !/(ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

/** Words of an identifier after abbreviation expansion and stemming. */
export function tokenize(identifier: string): string[] {
  const out: string[] = [];
  for (const word of splitWords(identifier)) {
    const expanded = ABBREVIATIONS[word] ?? [word];
    for (const w of expanded) out.push(stem(w));
  }
  // "e mail" is how camel-splitting reads `eMail`.
  for (let i = 0; i + 1 < out.length; i++) {
    if (out[i] === "e" && out[i + 1] === "mail") out.splice(i, 2, "email");
  }
  return out;
}
