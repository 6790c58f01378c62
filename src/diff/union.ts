import { tsTypes, type SchemaNode } from "./normalize.js";

export interface BranchMatch {
  pairs: [SchemaNode, SchemaNode][];
  removed: SchemaNode[];
  added: SchemaNode[];
}

/**
 * Pairs the branches of two unions (a plain schema counts as a union of itself): by model for
 * references, by value for constants, by TypeScript type otherwise, in order among equals.
 */
export function matchBranches(base: SchemaNode, head: SchemaNode, renamed: (model: string) => string): BranchMatch {
  const left = new Map<string, SchemaNode[]>();
  for (const branch of base.union ?? [base]) {
    const key = branchKey(branch, renamed);
    left.set(key, [...(left.get(key) ?? []), branch]);
  }
  const pairs: [SchemaNode, SchemaNode][] = [];
  const added: SchemaNode[] = [];
  for (const branch of head.union ?? [head]) {
    const candidates = left.get(branchKey(branch, (m) => m));
    const match = candidates?.shift();
    if (match) pairs.push([match, branch]);
    else added.push(branch);
  }
  return { pairs, removed: [...left.values()].flat(), added };
}

/** How a branch reads in a message: its model, its value, or its type. */
export function describeBranch(branch: SchemaNode): string {
  if (branch.ref) return branch.ref.model;
  if (branch.enum?.length === 1) return JSON.stringify(branch.enum[0]);
  const types = tsTypes(branch);
  return types ? [...types].join(" | ") : "any";
}

function branchKey(branch: SchemaNode, renamed: (model: string) => string): string {
  if (branch.ref) return `model:${renamed(branch.ref.model)}`;
  if (branch.enum?.length === 1) return `const:${JSON.stringify(branch.enum[0])}`;
  const types = tsTypes(branch);
  return types ? `type:${[...types].sort().join("|")}` : "any";
}
