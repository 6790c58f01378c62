/**
 * A service's fake, in memory, from its committed spec: the fakes runtime fakes.gen.ts embeds
 * (runtime/fakes.ts), over the data `fakes: true` would embed. The spec is only ever data, so
 * serving it never runs code from it.
 */
import { createFake, type FakeFetch, type FakeSpec } from "../../runtime/fakes.js";
import type { ResolvedService } from "../config/types.js";
import { SpecError, errorMessage } from "../errors.js";
import { collectOperations } from "../generate/client/operations.js";
import { fakeSpec } from "../generate/fakes/model.js";
import type { OpenApiDocument } from "../spec/types.js";
import { assertRegularFile, readRegularFile } from "../regular-file.js";

export type { FakeFetch };

/** The fake fetch of `service`'s committed spec; a missing or unreadable spec is a SpecError (exit 3). */
export async function loadFake(service: ResolvedService, warn: (message: string) => void): Promise<FakeFetch> {
  let text: string;
  await assertRegularFile(service.spec, `services.${service.name}.spec`);
  try {
    text = await readRegularFile(service.spec);
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
  const operations = collectOperations(spec, { groupByTag: false });
  // Typed as the runtime reads it: the generator's model and the runtime cannot drift apart.
  const data: FakeSpec = fakeSpec(spec, operations, (message) => warn(`${service.name}: ${message}`));
  return createFake(data, {});
}
