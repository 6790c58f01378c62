/**
 * fakes.gen.ts: a fetch function that answers like the service, for the client's `fetch`
 * option, with no dependency and no Python:
 *
 *   spec ──► operations (named as the client names them) ──► embedded data (model.ts)
 *        ──► known runtime (routing, FastAPI-shaped validation, answers, streams)
 *          + the data as one JSON string literal + override types over client.gen.ts
 *
 * Whatever the spec says, the file's code is the known runtime (runtime/fake-formats.ts and
 * runtime/fakes.ts byte for byte, less the line importing the one into the other),
 * one `JSON.parse` of string literals (so a `__proto__` key stays a key and no spec text is ever
 * code), `createFakeFetch` and `fakeRouting`; the rest is types.
 */
import type { GeneratedFile } from "../file.js";
import type { OpenApiDocument } from "../../spec/types.js";
import { collectOperations } from "../client/operations.js";
import { stringLiteral } from "../text.js";
import { fakeSpec } from "./model.js";
import { fakesRuntimeSource } from "./runtime-source.js";
import { OVERRIDE_TYPES } from "./types.js";

export const FAKES_FILE = "fakes.gen.ts";

const header = (grouped: boolean) => `// Fakes of the service for tests and front-end work: createFakeFetch() answers every operation with
// deterministic data valid for the spec, validates requests like FastAPI (422 with its "detail"
// list), and streams SSE and JSON Lines as FastAPI sends them. Pass it as the client's fetch.
import type { ApiError, ${grouped ? "ClientMethods" : "Client as ClientMethods"}, ClientErrors, SseStream } from "./client.gen.js";
`;

/** `fakes.gen.ts` without banner, byte-deterministic for a given spec. */
export function generateFakes(spec: OpenApiDocument, warn: (message: string) => void = () => {}, options: { groupByTag?: boolean | undefined } = {}): GeneratedFile {
  const operations = collectOperations(spec, { groupByTag: options.groupByTag === true });
  const data = fakeSpec(spec, operations, warn);
  const content = [
    header(operations.some((operation) => operation.group !== undefined)),
    fakesRuntimeSource(),
    OVERRIDE_TYPES,
    "/** The operations, their request schemas and default answers, computed from the spec when this file was generated. */",
    // One string literal per line of indented JSON: a change to the spec is a readable diff.
    "const SPEC: FakeSpec = JSON.parse([",
    ...JSON.stringify(data, null, 1).split("\n").map((line) => `  ${stringLiteral(line)},`),
    '].join("\\n"));',
    "const ROUTES = routesOf(SPEC);",
    "",
    "/**",
    " * A fetch-compatible function answering like the service: pass it as `createClient({ baseUrl, fetch })`.",
    " * Each operation answers with its default data unless `overrides` has a resolver for its client method.",
    " */",
    "export function createFakeFetch(overrides: FakeOverrides = {}): FakeFetch {",
    "  return createFake(SPEC, overrides);",
    "}",
    "",
    "/** The fake's routing, for msw.gen.ts's handler per operation: the client methods, and which one a request reaches. */",
    "export const fakeRouting: FakeRouting = {",
    "  names: SPEC.operations.map((operation) => operation.name as keyof FakeOverrides),",
    "  operationOf: (request) => operationOf(ROUTES, request) as keyof FakeOverrides | undefined,",
    "};",
    "",
  ].join("\n");
  return { path: FAKES_FILE, content };
}
