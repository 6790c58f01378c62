import type { ConfigIssue } from "../errors.js";
import { CONFIG } from "./definition/config-definition.js";
import { collectIssues } from "./definition/validate.js";

export { APP_REF } from "./definition/config-definition.js";

/** Every problem of a raw config, each at its dot-path, checked against the one config definition. */
export function validateConfig(raw: unknown): ConfigIssue[] {
  return collectIssues(CONFIG, raw);
}
