/**
 * The forms a secret takes on its way out: as written, in a basic/bearer header (base64),
 * in a JWT or URL-safe token (base64url), in a query string or form body (URL-encoded, both
 * flavours and lower-case hex), and inside a JSON string (escaped).
 */
export function encodedForms(secret: string): string[] {
  const utf8 = Buffer.from(secret, "utf8");
  const uri = encodeURIComponent(secret);
  const form = new URLSearchParams({ v: secret }).toString().slice(2);
  const json = JSON.stringify(secret).slice(1, -1);
  const forms = [
    secret,
    utf8.toString("base64"),
    utf8.toString("base64").replace(/=+$/, ""),
    utf8.toString("base64url"),
    uri,
    lowerHexEscapes(uri),
    form,
    lowerHexEscapes(form),
    json,
  ];
  return [...new Set(forms)];
}

function lowerHexEscapes(text: string): string {
  return text.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase());
}
