import { describe, expect, test } from "vitest";
import { parseServerCommand, splitArgs, type ServerCommand } from "../../../src/init/server-command.js";

const cwd = "/p";
const served = (given: Partial<ServerCommand>): ServerCommand => ({
  server: "uvicorn", python: undefined, app: undefined, dir: cwd, port: undefined, host: undefined, ...given,
});

describe("parseServerCommand", () => {
  test.each<[string, { argv: string[]; env?: Record<string, string>; want: ServerCommand | undefined }]>([
    ["uvicorn on PATH", { argv: ["uvicorn", "app.main:app", "--port", "8000"], want: served({ app: "app.main:app", port: 8000 }) }],
    ["a uvicorn path with no python beside it says nothing about the python", {
      argv: ["/usr/local/bin/uvicorn", "main:app", "--host=0.0.0.0", "--port=8001"],
      want: served({ app: "main:app", port: 8001, host: "0.0.0.0" }),
    }],
    ["python -m uvicorn, option values never taken for the app", {
      argv: ["/v/bin/python3.12", "-u", "-X", "dev", "-m", "uvicorn", "--header", "Server:x", "--env-file", ".env", "api:app", "--reload"],
      want: served({ python: "/v/bin/python3.12", app: "api:app" }),
    }],
    ["a python running the uvicorn script", { argv: ["python3", ".venv/bin/uvicorn", "main:app"], want: served({ python: "python3", app: "main:app" }) }],
    ["--factory and --app-dir", {
      argv: ["uvicorn", "--factory", "service.app:create_app", "--app-dir", "src"],
      want: served({ app: "service.app:create_app()", dir: "/p/src" }),
    }],
    ["UVICORN_* environment", { argv: ["uvicorn"], env: { UVICORN_APP: "main:app", UVICORN_PORT: "8002" }, want: served({ app: "main:app", port: 8002 }) }],
    ["gunicorn with a uvicorn worker", {
      argv: ["gunicorn", "-w", "4", "-k", "uvicorn.workers.UvicornWorker", "-b", "127.0.0.1:8003", "--chdir", "svc", "app.main:app"],
      want: served({ server: "gunicorn", app: "app.main:app", dir: "/p/svc", port: 8003, host: "127.0.0.1" }),
    }],
    ["gunicorn, new uvicorn-worker package and an IPv6 bind", {
      argv: ["python", "-m", "gunicorn", "--worker-class=uvicorn_worker.UvicornWorker", "--bind=[::1]:8004", "main:app"],
      want: served({ server: "gunicorn", python: "python", app: "main:app", port: 8004, host: "::1" }),
    }],
    ["gunicorn serving WSGI is not FastAPI", { argv: ["gunicorn", "-b", "0.0.0.0:8000", "wsgi:application"], want: undefined }],
    ["fastapi run --entrypoint", {
      argv: ["fastapi", "run", "--entrypoint", "pkg.server:app", "--port", "8005"],
      want: served({ server: "fastapi", app: "pkg.server:app", port: 8005 }),
    }],
    ["fastapi deploy is not a server", { argv: ["fastapi", "deploy"], want: undefined }],
    ["a Node script", { argv: ["dist/main.js"], want: undefined }],
    ["python running some script", { argv: ["python3", "worker.py"], want: undefined }],
    ["nothing", { argv: [], want: undefined }],
  ])("%s", (_, { argv, env, want }) => {
    expect(parseServerCommand(argv, cwd, env)).toEqual(want);
  });
});

test("splitArgs reads quotes and escapes as a shell does", () => {
  expect(splitArgs(` -m uvicorn  'a b':app --header "X-Name:\\"q\\"" c\\ d `)).toEqual([
    "-m", "uvicorn", "a b:app", "--header", 'X-Name:"q"', "c d",
  ]);
});
