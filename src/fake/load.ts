/**
 * A service's fake, in memory, from its committed spec: the same fakes.gen.ts that `fakes: true`
 * writes, its types erased, imported as a module. Only the known runtime and one JSON literal
 * run (see generate/fakes/index.ts), so serving a spec never runs code from it.
 */
import { readFile } from "node:fs/promises";
import type { ResolvedService } from "../config/types.js";
import { SpecError, errorMessage } from "../errors.js";
import { generateFakes } from "../generate/fakes/index.js";
import type { OpenApiDocument } from "../spec/types.js";

export type FakeFetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** The fake fetch of `service`'s committed spec; a missing or unreadable spec is a SpecError (exit 3). */
export async function loadFake(service: ResolvedService, warn: (message: string) => void): Promise<FakeFetch> {
  let text: string;
  try {
    text = await readFile(service.spec, "utf8");
  } catch (error) {
    throw new SpecError(service.name, `cannot read the committed spec ${service.spec}: ${errorMessage(error)}`, {
      hint: "run `sync-types` once to write it, or check services." + service.name + ".spec",
    });
  }
  let spec: OpenApiDocument;
  try {
    spec = JSON.parse(text) as OpenApiDocument;
  } catch (error) {
    throw new SpecError(service.name, `${service.spec} is not valid JSON: ${errorMessage(error)}`, { hint: "run `sync-types` to write it again" });
  }
  const source = generateFakes(spec, (message) => warn(`${service.name}: ${message}`)).content;
  // Types stripped, not compiled: the file is erasable syntax only (a compile test holds it to
  // erasableSyntaxOnly), and amaro loads in a tenth of TypeScript's time.
  const { transformSync } = (await import("amaro")) as unknown as { transformSync(code: string, options: { mode: "strip-only" }): { code: string } };
  const outputText = transformSync(source, { mode: "strip-only" }).code;
  const module = (await import(`data:text/javascript;base64,${Buffer.from(outputText).toString("base64")}`)) as { createFakeFetch(): FakeFetch };
  return module.createFakeFetch();
}
