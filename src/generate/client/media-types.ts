/**
 * How the client reads and sends each media type. The runtime applies the same rules to the
 * response's Content-Type (runtime/transport.ts), so declared types and parsed bodies agree.
 */

/** `application/json`, `application/problem+json`; not `application/jsonl`. */
export function isJsonMedia(mediaType: string): boolean {
  return /^application\/(?:[\w.+-]+\+)?json(?:;|$)/i.test(mediaType.trim());
}

/** `text/*` and XML: read as a string. */
export function isTextMedia(mediaType: string): boolean {
  return /^text\//i.test(mediaType.trim()) || /[/+]xml(?:;|$)/i.test(mediaType.trim());
}

/** `text/event-stream`: Server-Sent Events. */
export function isSseMedia(mediaType: string): boolean {
  return /^text\/event-stream(?:;|$)/i.test(mediaType.trim());
}

/** JSON Lines under its registered and its common names. */
export function isJsonLinesMedia(mediaType: string): boolean {
  return /^application\/(?:jsonl|x-ndjson|x-jsonlines)(?:;|$)/i.test(mediaType.trim());
}
