import { compareRaw, compareSchemas } from "./compare-schemas.js";
import type { DiffContext, Where } from "./context.js";
import type { SchemaReader } from "./normalize.js";
import { isSuccess, parameterKey, type Media, type Operation, type Response } from "./operations.js";
import { parameterPath } from "./rules/helpers.js";
import type { StreamItem } from "./rules/rule.js";

/** Compares one operation across both specs: existence, then request, then responses. */
export function compareOperation(ctx: DiffContext, base: Operation | undefined, head: Operation | undefined): void {
  const key = (base ?? head)!.key;
  const where: Where = { subject: key, location: key, anchor: base?.pointer ?? head!.pointer.replace(/\/[^/]*$/, "") };
  ctx.forOperation(key, () => {
    ctx.check("operations", { base, head }, where);
    if (!base || !head) return;
    ctx.check("operation", { base, head }, where);
    ctx.direction = "request";
    compareParameters(ctx, base, head, where);
    compareBodies(ctx, base, head, where);
    ctx.direction = "response";
    compareResponses(ctx, base, head, where);
  });
}

function compareParameters(ctx: DiffContext, base: Operation, head: Operation, where: Where): void {
  const heads = new Map(head.parameters.map((p) => [parameterKey(p), p]));
  for (const b of base.parameters) {
    const h = heads.get(parameterKey(b));
    heads.delete(parameterKey(b));
    ctx.check("parameter", { base: b, head: h, operation: head }, where);
    if (h?.schema && b.schema) {
      const location = `${where.location}${parameterPath(b)}`;
      compareRaw(ctx, b.schema, h.schema, { subject: where.subject, location, anchor: b.pointer });
    }
  }
  for (const h of heads.values()) ctx.check("parameter", { base: undefined, head: h, operation: head }, where);
}

function compareBodies(ctx: DiffContext, base: Operation, head: Operation, where: Where): void {
  ctx.check("body", { base: base.body, head: head.body }, where);
  if (!base.body || !head.body) return;
  for (const [name, b] of base.body.content) {
    const h = head.body.content.get(name);
    if (h) compareMedia(ctx, b, h, `${where.location} -> ${bodyName(name)}`, where.subject);
  }
}

function compareResponses(ctx: DiffContext, base: Operation, head: Operation, where: Where): void {
  ctx.check("responses", { base: base.responses, head: head.responses }, where);
  const headSuccess = [...head.responses.keys()].filter(isSuccess).sort()[0];
  for (const [status, b] of base.responses) {
    // A success status that changed (200 → 201) still carries the body callers read.
    const h = head.responses.get(status) ?? (isSuccess(status) && headSuccess ? head.responses.get(headSuccess) : undefined);
    if (!h) continue;
    const at = `${where.location} -> ${status}`;
    ctx.check("content", { base: b, head: h }, { subject: where.subject, location: at, anchor: b.pointer });
    compareContent(ctx, b, h, at, where.subject);
  }
}

function compareContent(ctx: DiffContext, base: Response, head: Response, location: string, subject: string): void {
  for (const [name, b] of base.content) {
    const h = head.content.get(name);
    if (h) compareMedia(ctx, b, h, `${location} -> ${bodyName(name, b.stream)}`, subject);
  }
}

function compareMedia(ctx: DiffContext, base: Media, head: Media, location: string, subject: string): void {
  if (!base.schema || !head.schema) return;
  const where = { subject, location, anchor: base.schema.pointer };
  if (base.stream && head.stream) {
    const b = streamItem(ctx.base, base);
    const h = streamItem(ctx.head, head);
    if (ctx.check("stream", { base: b, head: h, media: head }, where).length > 0) return;
    compareSchemas(ctx, b.node, h.node, where);
    return;
  }
  compareRaw(ctx, base.schema, head.schema, where);
}

/** SSE items carry their payload in `data` (typed by `contentSchema`); JSON Lines items are the payload. */
function streamItem(reader: SchemaReader, media: Media): StreamItem {
  const item = reader.read(media.schema!.raw, media.schema!.pointer);
  const data = reader.resolved(item).properties.get("data");
  if (media.name !== "text/event-stream" || !data) return { typed: true, node: item, shape: reader.resolved(item) };
  const at = `${data.pointer}/contentSchema`;
  const raw = reader.rawAt(at);
  const payload = raw === undefined ? data : reader.read(raw, at);
  return { typed: raw !== undefined, node: payload, shape: reader.resolved(payload) };
}

/** `body` for JSON, `stream[]` for the items of a stream, `body(text/plain)` for anything else. */
function bodyName(media: string, stream = false): string {
  if (stream) return "stream[]";
  return media === "application/json" ? "body" : `body(${media})`;
}
