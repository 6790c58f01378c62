// groupByTag on the full-stack FastAPI template's spec: the grouped client compiles under TS 5
// and 7 with its call sites, each method sends its own route, and `isApiError` narrows by the
// dotted key. The template needs Postgres to run, so a fetch that answers like its 422 stands in.
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { expect, test } from "vitest";
import type { OpenApiDocument } from "../../../../src/spec/types.js";
import { REPO_ROOT } from "../../../helpers/paths.js";
import { importGenerated, tempDir, typecheck, writeGenerated, writeTsconfig } from "./support.js";

const CALLS = `
import { createClient, isApiError, type FetchLike } from "./client.gen.js";

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const assert = <T extends true>(): T | undefined => undefined;

export async function run(fetch: FetchLike): Promise<unknown> {
  const client = createClient({ baseUrl: "http://template.test", fetch });
  const health = await client.utils.healthCheck();
  assert<Equal<typeof health, boolean>>();
  // @ts-expect-error grouped: there is no flat method any more
  void client.healthCheck;
  const made = await client.private.createUser({ body: { email: "a@b.c", password: "secret123", full_name: "A" } });
  assert<Equal<typeof made.email, string>>();
  try {
    await client.users.createUser({ body: { email: "bad", password: "x" } });
    return "no error";
  } catch (error) {
    if (!isApiError(error, "users.createUser")) throw error;
    assert<Equal<typeof error.status, 422>>();
    // @ts-expect-error the private route is another key
    isApiError(error, "createUser");
    return { health, made: made.email, status: error.status, loc: error.body.detail?.[0]?.loc };
  }
}
`;

const dir = await tempDir("group-by-tag");

test("grouped by tag, the template's client compiles with its call sites and calls each route", async () => {
  const spec = JSON.parse(await readFile(join(REPO_ROOT, "test/fixtures/full-stack-template/openapi.json"), "utf8")) as OpenApiDocument;
  await writeGenerated(dir, spec, { groupByTag: true });
  await writeFile(join(dir, "calls.ts"), CALLS);
  const sources = ["types.gen.ts", "runtime.gen.ts", "client.gen.ts", "calls.ts"];
  const [ts5, ts7] = await Promise.all([
    typecheck("ts5", await writeTsconfig(dir, sources, "dom", "tsconfig.ts5.json")),
    typecheck("ts7", await writeTsconfig(dir, sources, "node", "tsconfig.ts7.json")),
  ]);
  expect({ ts5, ts7 }).toEqual({ ts5: "", ts7: "" });
  const read = async (name: string) => [name, await readFile(join(dir, name), "utf8")] as const;
  const { run } = await importGenerated<{ run: (fetch: unknown) => Promise<unknown> }>(dir, "calls.ts", Object.fromEntries(await Promise.all(sources.map(read))));
  const seen: string[] = [];
  const fetch = async (url: string, init: RequestInit) => {
    const route = `${init.method} ${new URL(url).pathname}`;
    seen.push(route);
    const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
    if (route === "GET /api/v1/utils/health-check/") return json(200, true);
    if (route === "POST /api/v1/private/users/") return json(200, { ...(JSON.parse(String(init.body)) as object), id: "0", is_active: true, is_superuser: false });
    return json(422, { detail: [{ loc: ["body", "email"], msg: "value is not a valid email address", type: "value_error" }] });
  };
  expect(await run(fetch)).toEqual({ health: true, made: "a@b.c", status: 422, loc: ["body", "email"] });
  expect(seen).toEqual(["GET /api/v1/utils/health-check/", "POST /api/v1/private/users/", "POST /api/v1/users/"]);
}, 60_000);
