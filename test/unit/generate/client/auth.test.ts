// `auth` against a real FastAPI app (test/fixtures/auth/app.py) with one route per kind of
// security dependency, each echoing the credentials it received: calls.ts holds the calls and
// the type-level checks (compiled under TS 5 and 7), here their results are checked.
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import type { OpenApiDocument } from "../../../../src/spec/types.js";
import { REPO_ROOT } from "../../../helpers/paths.js";
import { startUvicorn } from "../../../helpers/uvicorn.js";
import { HAS_PYTHON, PYTHON, typedCalls } from "./support.js";

type Calls = Record<string, (baseUrl: string) => Promise<unknown>>;

const FIXTURE = join(REPO_ROOT, "test/fixtures/auth");
// The login route takes a form: the content-api venv has python-multipart.
const server = HAS_PYTHON ? await startUvicorn({ cwd: FIXTURE, python: PYTHON, app: "app:app" }) : undefined;
const NONE = { authorization: null, "x-api-key": null, api_key: null, session: null };

describe.skipIf(!server)("auth: each credential where its scheme says, on the operations that declare it only", () => {
  let calls: Calls;
  let baseUrl: string;

  beforeAll(async () => {
    baseUrl = server!.baseUrl;
    const spec = (await (await fetch(`${baseUrl}/openapi.json`)).json()) as OpenApiDocument;
    calls = await typedCalls<Calls>("auth", spec, join(FIXTURE, "calls.ts"));
  }, 60_000);

  test("with every scheme configured, each route gets exactly what it declares; login and public routes get nothing", async () => {
    const basic = `Basic ${Buffer.from("user:pa:ss w0rd").toString("base64")}`;
    expect(await calls["everyRoute"]!(baseUrl)).toEqual({
      login: NONE,
      public: NONE,
      withOauth2: { ...NONE, token: "token-for-ada", authorization: "Bearer token-for-ada" },
      withOptional: { ...NONE, token: "optional-token", authorization: "Bearer optional-token" },
      withBearer: { ...NONE, token: "bearer-token", authorization: "Bearer bearer-token" },
      withBasic: { ...NONE, username: "user", password: "pa:ss w0rd", authorization: basic },
      withHeaderKey: { ...NONE, key: "header-key", "x-api-key": "header-key" },
      withQueryKey: { ...NONE, key: "query key&=?", api_key: "query key&=?" },
      withCookieKey: { ...NONE, key: 'cookie "value";', session: 'cookie "value";' },
      // FastAPI requires both dependencies, though it lists them as two requirements.
      withKeyAndBearer: { ...NONE, key: "header-key", token: "bearer-token", "x-api-key": "header-key", authorization: "Bearer bearer-token" },
      withKeyOrBearer: { ...NONE, api_key: "query key&=?", authorization: "Bearer bearer-token" },
      // An async token function runs once per call that needs it, never for the others.
      oauth2Calls: { calls: 1 },
    });
  });

  test("only the configured alternative is sent; an optional scheme left out sends nothing; a function with no token sends none (401)", async () => {
    expect(await calls["partial"]!(baseUrl)).toEqual({
      keyOrBearer: { ...NONE, authorization: "Bearer only-bearer" },
      optional: { ...NONE, token: null },
      missing: 401,
    });
  });

  test("a credential is never part of an error message", async () => {
    const messages = (await calls["secretsInErrors"]!(baseUrl)) as string[];
    expect(messages).toHaveLength(3);
    expect(messages[0]).toMatch(/^TypeError: auth\.HTTPBearer: expected a string a header can carry/);
    expect(messages[1]).toMatch(/^TypeError: auth\.APIKeyCookie: expected a string a header can carry/);
    expect(messages[2]).toMatch(/^NetworkError: withQueryKey \(GET \/query-key\) failed: /);
    for (const message of messages) expect(message).not.toMatch(/s3cret/);
  });
});
