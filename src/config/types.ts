import type { Plugin } from "../plugins.js";
import type { SERVICE } from "./definition/config-definition.js";
import type { DefaultedKeys } from "./definition/nodes.js";
import type { BreakingLevel, BreakingPolicy, IgnoreEntry, RuleLevel, ServiceConfig } from "./types.gen.js";

/** What users write: generated from the one config definition (definition/config-definition.ts). */
export type * from "./types.gen.js";

/** Every key present: required ones and those with a default hold a value, the others may be `undefined`. */
type Resolved<T, Defaulted extends PropertyKey> = {
  [K in keyof T]-?: K extends Defaulted ? Exclude<T[K], undefined> : {} extends Pick<T, K> ? T[K] | undefined : T[K];
};

/** A service with every default applied and every path absolute (`externalRefs` are absolute globs). */
export interface ResolvedService extends Resolved<ServiceConfig, DefaultedKeys<typeof SERVICE>> {
  name: string;
  /** The interpreter found or given: never missing. */
  python: string;
  /** `false`, or fakes with or without MSW handlers (with: asked, or `msw` resolves from the config's folder). */
  fakes: false | { msw: boolean };
}

export interface ResolvedBreaking {
  level: BreakingLevel;
  policy: BreakingPolicy;
  rules: Record<string, RuleLevel>;
  ignore: IgnoreEntry[];
}

export interface ResolvedConfig {
  /** Absolute path of the config file. */
  file: string;
  /** Folder of the config file; every relative path is resolved from it. */
  root: string;
  services: ResolvedService[];
  typecheck: { tsconfig: string[] };
  breaking: ResolvedBreaking;
  plugins: Plugin[];
  concurrency: number;
  /** `shared`: absolute folder of the one runtime all clients import, or undefined for a copy per service. */
  runtime: { shared: string | undefined };
}
