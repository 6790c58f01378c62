/**
 * State of one diff: both specs' schema readers, the renames found, the side being compared,
 * and the changes found so far. Changes inside a shared model are recorded once, against the
 * model, and learn their operations at the end from which operations reached that model.
 */
import { createHash } from "node:crypto";
import type { Position } from "../spec/locate.js";
import type { SchemaReader } from "./normalize.js";
import { RULES } from "./rules/index.js";
import type { AnyRule, Hit, Pairs, Rule } from "./rules/rule.js";
import type { Change, Level, Verdict } from "./types.js";

/** Where the walker stands: the subject (operation or model), the location text, the base node. */
export interface Where {
  subject: string;
  location: string;
  /** Pointer of the compared node in the base spec: additions get their line from it. */
  anchor: string;
}

interface Found {
  change: Omit<Change, "line" | "column" | "operations">;
  anchor: string;
  operations: Set<string>;
  /** Models (comparison keys) whose users are affected. */
  models: Set<string>;
}

const RULES_BY_KIND = new Map<string, AnyRule[]>();
for (const rule of RULES) RULES_BY_KIND.set(rule.on, [...(RULES_BY_KIND.get(rule.on) ?? []), rule]);

/** `error` when anything breaks, `warn` when it may, `info` otherwise. */
export function levelOf(verdict: Verdict): Level {
  if (verdict.compile === "breaks" || verdict.runtime === "breaks") return "error";
  return verdict.runtime === "may" ? "warn" : "info";
}

export function fingerprintOf(id: string, location: string): string {
  return createHash("sha256").update(`${id}\u0000${location}`).digest("hex").slice(0, 16);
}

export class DiffContext {
  direction: "request" | "response" = "request";
  /** Pairs of differently named models being compared inline, to stop at cycles. */
  readonly inline = new Set<string>();
  private owner: { operation: string } | { model: string } = { operation: "" };
  private readonly found = new Map<string, Found>();
  private readonly compared = new Set<string>();
  private readonly modelEdges = new Map<string, Set<string>>();
  private readonly operationModels = new Map<string, Set<string>>();

  constructor(
    readonly base: SchemaReader,
    readonly head: SchemaReader,
    private readonly renames: ReadonlyMap<string, string>,
  ) {}

  readonly renamed = (model: string): string => this.renames.get(model) ?? model;

  sameModel(baseModel: string, headModel: string): boolean {
    return this.renamed(baseModel) === headModel;
  }

  forOperation(key: string, compare: () => void): void {
    this.owner = { operation: key };
    compare();
  }

  /** Compares a shared model once per side and pair of component names; later visits only record who uses it. */
  forModel(baseName: string, headName: string, compare: () => void): void {
    const key = `${this.direction}|${baseName}|${headName}`;
    const users = "operation" in this.owner
      ? mapSet(this.operationModels, this.owner.operation)
      : mapSet(this.modelEdges, this.owner.model);
    users.add(key);
    if (this.compared.has(key)) return;
    this.compared.add(key);
    const outer = this.owner;
    this.owner = { model: key };
    try {
      compare();
    } finally {
      this.owner = outer;
    }
  }

  /** Runs every rule of `kind` that applies to the current side and records its hits. */
  check<K extends keyof Pairs>(kind: K, pair: Pairs[K], where: Where): Hit[] {
    const all: Hit[] = [];
    for (const rule of (RULES_BY_KIND.get(kind) ?? []) as unknown as Rule<K>[]) {
      if ((rule.direction === "request" || rule.direction === "response") && rule.direction !== this.direction) continue;
      const hits = rule.check(pair);
      for (const hit of hits) this.record(rule, hit, where);
      all.push(...hits);
    }
    return all;
  }

  private record(rule: Rule<keyof Pairs>, hit: Hit, where: Where): void {
    const location = `${where.location}${hit.path ?? ""}`;
    const fingerprint = fingerprintOf(rule.id, location);
    let found = this.found.get(fingerprint);
    if (!found) {
      found = {
        change: {
          id: rule.id,
          level: levelOf(rule.verdict),
          direction: rule.direction,
          location,
          subject: where.subject,
          pointer: hit.base ?? hit.head ?? where.anchor,
          side: hit.base === undefined && hit.head !== undefined ? "head" : "base",
          verdict: rule.verdict,
          message: hit.message,
          fingerprint,
        },
        anchor: hit.base ?? where.anchor,
        operations: new Set(),
        models: new Set(),
      };
      this.found.set(fingerprint, found);
    }
    if ("operation" in this.owner) found.operations.add(this.owner.operation);
    else found.models.add(this.owner.model);
  }

  /** The changes, each with its line and every operation that reaches it, most severe first. */
  changes(locate: (pointer: string) => Position): Change[] {
    const usersOfModel = this.usersOfModels();
    const changes: Change[] = [];
    for (const found of this.found.values()) {
      const operations = new Set(found.operations);
      for (const model of found.models) for (const op of usersOfModel.get(model) ?? []) operations.add(op);
      const { line, column } = locate(found.anchor);
      changes.push({ ...found.change, line, column, operations: [...operations].sort() });
    }
    return changes.sort(byImportance);
  }

  anchors(): string[] {
    return [...this.found.values()].map((f) => f.anchor);
  }

  /** Every operation reaching each model, directly or through other models (cycles included). */
  private usersOfModels(): Map<string, Set<string>> {
    const users = new Map<string, Set<string>>();
    for (const [operation, direct] of this.operationModels) {
      const stack = [...direct];
      const seen = new Set<string>();
      while (stack.length > 0) {
        const model = stack.pop()!;
        if (seen.has(model)) continue;
        seen.add(model);
        mapSet(users, model).add(operation);
        stack.push(...(this.modelEdges.get(model) ?? []));
      }
    }
    return users;
  }
}

const LEVEL_ORDER: Record<Level, number> = { error: 0, warn: 1, info: 2 };

function byImportance(a: Change, b: Change): number {
  return LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || compare(a.location, b.location) || compare(a.id, b.id);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function mapSet<K, V>(map: Map<K, Set<V>>, key: K): Set<V> {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  return set;
}
