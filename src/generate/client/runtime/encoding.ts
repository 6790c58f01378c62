/** Runtime part: parameters and bodies onto the wire, the way FastAPI reads them. */
export const ENCODING: string = String.raw`
function encodeBody(mediaType: string, body: unknown, headers: Headers): NonNullable<RequestInit["body"]> {
  if (mediaType === "multipart/form-data") {
    // fetch sets the content type itself, with the boundary.
    const form = new FormData();
    for (const [name, value] of ownEntries(body)) {
      for (const item of Array.isArray(value) ? value : [value]) {
        if (item instanceof Blob) form.append(name, item);
        else if (item !== undefined && item !== null) form.append(name, serialize(item));
      }
    }
    return form;
  }
  if (mediaType === "application/x-www-form-urlencoded") {
    const form = new URLSearchParams();
    for (const [name, value] of ownEntries(body)) for (const text of values(value)) form.append(name, text);
    return form;
  }
  if (!headers.has("content-type")) headers.set("content-type", mediaType);
  if (JSON_TYPE.test(mediaType)) return JSON.stringify(body);
  return body instanceof Blob ? body : serialize(body);
}

function expandPath(template: string, params: object | undefined): string {
  const given = new Map(ownEntries(params));
  return template.replace(/\{([^{}]+)\}/g, (_, name: string) => {
    const value: unknown = given.get(name);
    if (value === undefined || value === null) throw new TypeError("missing path parameter " + JSON.stringify(name));
    return encodeURIComponent(serialize(value));
  });
}

function queryString(query: object | undefined): string {
  const params = new URLSearchParams();
  for (const [name, value] of ownEntries(query)) for (const text of values(value)) params.append(name, text);
  const text = params.toString();
  return text === "" ? "" : "?" + text;
}

function setHeaders(headers: Headers, init: HeaderMap | undefined): void {
  if (init === undefined) return;
  if (init instanceof Headers) init.forEach((value, name) => headers.set(name, value));
  else if (Array.isArray(init)) for (const [name, value] of init) headers.set(name, value);
  else for (const [name, value] of Object.entries(init)) if (value !== undefined) headers.set(name, value);
}

/** Own enumerable entries: a "__proto__" or "constructor" key is data, never the prototype's. */
function ownEntries(value: unknown): Array<[string, unknown]> {
  return typeof value === "object" && value !== null ? Object.entries(value) : [];
}

/** Values of a parameter: arrays repeat, undefined and null are left out. */
function values(value: unknown): string[] {
  const items: unknown[] = Array.isArray(value) ? value : [value];
  return items.filter((item) => item !== undefined && item !== null).map(serialize);
}

/**
 * A cookie value as Python's http.cookies writes it, which Starlette reads back: as is when
 * RFC 6265 allows it, else double-quoted with backslash and octal escapes.
 */
function cookieValue(text: string): string {
  if (/^[\x21\x23-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]*$/.test(text)) return text;
  const escaped = text.replace(/["\\]/g, "\\$&").replace(/[;,\x00-\x1F\x7F]/g, (char) => "\\" + char.charCodeAt(0).toString(8).padStart(3, "0"));
  return '"' + escaped + '"';
}

function serialize(value: unknown): string {
  if (typeof value === "string") return value;
  if (value instanceof Date) return value.toISOString();
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}
`;
