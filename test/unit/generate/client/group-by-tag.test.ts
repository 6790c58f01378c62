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

const AUTH_CALLS = `
import { createClient, type FetchLike } from "./client.gen.js";

export async function run(fetch: FetchLike): Promise<unknown> {
  const anonymous = createClient({ baseUrl: "http://template.test", fetch });
  const { access_token } = await anonymous.loginAccessToken({ body: { username: "a@b.c", password: "secret123" } });
  const api = createClient({ baseUrl: "http://template.test", fetch, auth: { OAuth2PasswordBearer: async () => access_token } });
  // @ts-expect-error the template declares one scheme; another name is not a credential
  createClient({ baseUrl: "http://template.test", auth: { HTTPBearer: "x" } });
  await api.loginAccessToken({ body: { username: "a@b.c", password: "secret123" } });
  await api.healthCheck();
  await api.readUserMe();
  await api.readItems({ query: { limit: 5 } });
  return "done";
}
`;

test("the template's security: the bearer token goes only to the 17 of 23 routes that declare OAuth2PasswordBearer, never to login or health", async () => {
  const spec = JSON.parse(await readFile(join(REPO_ROOT, "test/fixtures/full-stack-template/openapi.json"), "utf8")) as OpenApiDocument;
  const authDir = await tempDir("template-auth");
  await writeGenerated(authDir, spec);
  await writeFile(join(authDir, "calls.ts"), AUTH_CALLS);
  const sources = ["types.gen.ts", "runtime.gen.ts", "client.gen.ts", "calls.ts"];
  const [ts5, ts7] = await Promise.all([
    typecheck("ts5", await writeTsconfig(authDir, sources, "dom", "tsconfig.ts5.json")),
    typecheck("ts7", await writeTsconfig(authDir, sources, "node", "tsconfig.ts7.json")),
  ]);
  expect({ ts5, ts7 }).toEqual({ ts5: "", ts7: "" });
  const client = await readFile(join(authDir, "client.gen.ts"), "utf8");
  expect(client.match(/security: \[\["OAuth2PasswordBearer"\]\]/g)).toHaveLength(17);
  const read = async (name: string) => [name, await readFile(join(authDir, name), "utf8")] as const;
  const { run } = await importGenerated<{ run: (fetch: unknown) => Promise<unknown> }>(authDir, "calls.ts", Object.fromEntries(await Promise.all(sources.map(read))));
  const seen: [string, string | null][] = [];
  const fetch = async (url: string, init: RequestInit) => {
    const route = `${init.method} ${new URL(url).pathname}`;
    seen.push([route, new Headers(init.headers).get("authorization")]);
    const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });
    if (route === "POST /api/v1/login/access-token") return json({ access_token: "t0k", token_type: "bearer" });
    if (route === "GET /api/v1/utils/health-check/") return json(true);
    if (route === "GET /api/v1/users/me") return json({ email: "a@b.c", id: "0" });
    return json({ data: [], count: 0 });
  };
  expect(await run(fetch)).toBe("done");
  expect(seen).toEqual([
    ["POST /api/v1/login/access-token", null],
    ["POST /api/v1/login/access-token", null],
    ["GET /api/v1/utils/health-check/", null],
    ["GET /api/v1/users/me", "Bearer t0k"],
    ["GET /api/v1/items/", "Bearer t0k"],
  ]);
}, 60_000);
