/**
 * What may be printed of a URL or of a text that carries secrets. Every message, warning and
 * report that names a service URL goes through here; a spec's banner too.
 *
 * - `user:password@` is dropped: it is a credential like any header.
 * - The value of a query (or fragment) parameter whose name looks like a secret becomes `***`:
 *   names containing token, key, secret, sig, pass, pwd, auth, credential, session, jwt or code
 *   (`access_token`, `api_key`, `X-Amz-Signature`, `X-Goog-Credential`, `password`, …).
 *   Over-matching a harmless name (`monkey`) costs nothing; missing a signed URL's signature
 *   leaks it into CI logs.
 */
const SECRET_PARAM = /token|key|secret|sig|pass|pwd|auth|credential|session|jwt|code/i;
export const MASK = "***";

/** A URL as it may be printed. A string that is not a URL is returned with any `//…@` removed. */
export function redactUrl(input: string | URL): string {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    // Unparseable, often because the password holds a "/", "?" or "#": everything up to the last "@" may be the secret.
    return String(input).replace(/\/\/\S*@/g, "//");
  }
  url.username = "";
  url.password = "";
  const query = redactParams(url.search.slice(1));
  if (query !== undefined) url.search = query;
  const fragment = redactParams(url.hash.slice(1));
  if (fragment !== undefined) url.hash = fragment;
  return url.href;
}

/** `a=1&token=x` → `a=1&token=***`; undefined when nothing needed hiding (so the URL keeps its exact spelling). */
function redactParams(params: string): string | undefined {
  if (!params.includes("=")) return undefined;
  let changed = false;
  const parts = params.split("&").map((part) => {
    const at = part.indexOf("=");
    if (at < 0 || !SECRET_PARAM.test(decodeName(part.slice(0, at)))) return part;
    changed = true;
    return `${part.slice(0, at)}=${MASK}`;
  });
  return changed ? parts.join("&") : undefined;
}

function decodeName(name: string): string {
  try {
    return decodeURIComponent(name.replaceAll("+", " "));
  } catch {
    return name;
  }
}

/**
 * Every URL inside a free text (an error from the network stack, say) redacted. Punctuation that
 * ends a URL's sentence or parenthesis (`).,;:!?]`) is left out of it, as readers take it.
 */
export function redactUrlsIn(text: string): string {
  return text.replace(/\b[a-z][a-z\d+.-]*:\/\/[^\s"'<>`]+/gi, (match) => {
    const url = match.replace(/[).,;:!?\]]+$/, "");
    return redactUrl(url) + match.slice(url.length);
  });
}

/**
 * `text` with each known secret value replaced by `***`: for what a server sends back (an error
 * page may echo the token it refused). Values under 4 characters are left alone; masking every
 * `a` would garble the message and hide nothing a guess would not find.
 */
export function maskSecrets(text: string, secrets: readonly string[]): string {
  let masked = text;
  for (const secret of [...secrets].filter((s) => s.length >= 4).sort((a, b) => b.length - a.length)) {
    masked = masked.replaceAll(secret, MASK);
  }
  return masked;
}
