import { escapeSegment } from "../spec/pointer.js";
import type { Json } from "../spec/types.js";
import type { DiffContext, Where } from "./context.js";
import { jsonEqual, schemaRefs } from "./json.js";
import { modelName, type SchemaNode } from "./normalize.js";
import { propertyPath } from "./rules/helpers.js";
import { matchBranches } from "./union.js";

/**
 * Compares two schemas at the same place in both specs, on the context's side, running the
 * schema rules at each node. Two references to the same model (or a renamed one) are compared
 * once, as that model; references to different models are compared in place, as inline schemas.
 */
export function compareSchemas(ctx: DiffContext, base: SchemaNode, head: SchemaNode, where: Where): void {
  // Branches are matched before references are followed: a branch is known by its model name.
  if ((base.union || head.union) && !refersToUnion(ctx, base, head)) {
    const union = matchBranches(base, head, ctx.renamed);
    ctx.check("schema", { base, head, union, renamed: ctx.renamed }, where);
    for (const [b, h] of union.pairs) compareSchemas(ctx, asBranch(b), asBranch(h), where);
    return;
  }
  if (base.ref && head.ref && ctx.sameModel(base.ref.model, head.ref.model)) {
    // The usage site keeps its own facts (nullable, default); the model's shape is compared once.
    checkNode(ctx, base, head, where);
    enterModel(ctx, base.ref.name, head.ref.name);
    return;
  }
  if (base.ref || head.ref) {
    const key = `${ctx.direction}|${base.ref?.name ?? ""}|${head.ref?.name ?? ""}`;
    if (ctx.inline.has(key)) return;
    ctx.inline.add(key);
    try {
      compareSchemas(ctx, effective(ctx.base.resolved(base), base), effective(ctx.head.resolved(head), head), where);
    } finally {
      ctx.inline.delete(key);
    }
    return;
  }
  checkNode(ctx, base, head, where);
  for (const [name, baseProperty] of base.properties) {
    const headProperty = head.properties.get(name);
    if (!headProperty || hidden(ctx, baseProperty) || hidden(ctx, headProperty)) continue;
    compareSchemas(ctx, baseProperty, headProperty, at(where, propertyPath(name), baseProperty.pointer));
  }
  if (base.items && head.items) compareSchemas(ctx, base.items, head.items, at(where, "[]", base.items.pointer));
  if (base.additionalProperties && head.additionalProperties) {
    compareSchemas(ctx, base.additionalProperties, head.additionalProperties, at(where, "{}", base.additionalProperties.pointer));
  }
}

/**
 * Compares two schemas as written. Identical JSON cannot differ, so only the models it refers
 * to are visited (they may differ, and their users must be known): most of a big spec is this.
 */
export function compareRaw(ctx: DiffContext, base: { raw: Json; pointer: string }, head: { raw: Json; pointer: string }, where: Where): void {
  if (jsonEqual(base.raw, head.raw)) {
    for (const name of schemaRefs(base.raw)) enterModel(ctx, name, name);
    return;
  }
  compareSchemas(ctx, ctx.base.read(base.raw, base.pointer), ctx.head.read(head.raw, head.pointer), where);
}

function enterModel(ctx: DiffContext, baseName: string, headName: string): void {
  ctx.forModel(baseName, headName, () => {
    const raw = ctx.base.component(baseName);
    if (baseName === headName && jsonEqual(raw, ctx.head.component(headName))) {
      for (const name of schemaRefs(raw)) enterModel(ctx, name, name);
      return;
    }
    const model = modelName(baseName);
    const inModel = { subject: model, location: model, anchor: `/components/schemas/${escapeSegment(baseName)}` };
    ctx.check("model", { base: baseName, head: headName, baseModel: model, headModel: modelName(headName) }, inModel);
    compareSchemas(ctx, ctx.base.resolved(ctx.base.model(baseName)), ctx.head.resolved(ctx.head.model(headName)), inModel);
  });
}

/** `readOnly` properties are not sent, `writeOnly` ones not received. */
function hidden(ctx: Pick<DiffContext, "direction">, property: SchemaNode): boolean {
  return ctx.direction === "request" ? property.readOnly : property.writeOnly;
}

function checkNode(ctx: DiffContext, base: SchemaNode, head: SchemaNode, where: Where): void {
  ctx.check("schema", { base, head, union: undefined, renamed: ctx.renamed }, where);
}

function at(where: Where, path: string, anchor: string): Where {
  return { subject: where.subject, location: `${where.location}${path}`, anchor };
}

/** A reference to a union model, compared with an inline union: follow it first. */
function refersToUnion(ctx: DiffContext, base: SchemaNode, head: SchemaNode): boolean {
  return (base.ref !== undefined && ctx.base.resolved(base).union !== undefined)
    || (head.ref !== undefined && ctx.head.resolved(head).union !== undefined);
}

/** A referenced model seen at its usage site: the usage's nullable and default win. */
function effective(model: SchemaNode, usage: SchemaNode): SchemaNode {
  if (model === usage) return usage;
  return {
    ...model,
    pointer: usage.pointer,
    nullable: usage.nullable || model.nullable,
    default: usage.default ?? model.default,
    readOnly: usage.readOnly || model.readOnly,
    writeOnly: usage.writeOnly || model.writeOnly,
  };
}

/** A branch is compared for its shape: nullability and default belong to the union around it. */
function asBranch(node: SchemaNode): SchemaNode {
  return node.nullable || node.default ? { ...node, nullable: false, default: undefined } : node;
}
