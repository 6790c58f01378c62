import { spawn } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll } from "vitest";

export interface UvicornOptions {
  /** Folder the app's package is imported from. */
  cwd: string;
  /** Python of a venv with uvicorn and the app's dependencies. */
  python: string;
  /** ASGI app as "module:attr", e.g. "app.main:app". */
  app: string;
  /** Milliseconds to wait for /openapi.json to answer. Default 30 000. */
  readyTimeoutMs?: number;
}

export interface RunningUvicorn {
  /** `http://127.0.0.1:<port>`. */
  baseUrl: string;
  /** Stops the server and everything it spawned; safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Serves `app` with uvicorn on a free loopback port until the test file ends. Call it while
 * tests are collected (top level or a describe body): it registers its own `afterAll` stop.
 * The server gets its own process group, so stopping it also stops any reloader or worker;
 * the port is the one the OS chose for `--port 0`, read from uvicorn's log, so two test
 * files never race for a port.
 */
export async function startUvicorn(options: UvicornOptions): Promise<RunningUvicorn> {
  const child = spawn(options.python, ["-m", "uvicorn", options.app, "--host", "127.0.0.1", "--port", "0"], {
    cwd: options.cwd,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, PYTHONHASHSEED: "0", PYTHONUNBUFFERED: "1" },
  });
  let log = "";
  let exited = false;
  const exit = new Promise<void>((resolve) => {
    child.once("exit", () => {
      exited = true;
      resolve();
    });
  });
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // Already gone.
    }
  };
  // afterAll does not run when every test of the file is filtered out, and vitest ends its
  // workers with SIGTERM, which skips "exit" handlers: kill the server on both, then let the
  // signal do what it would have done.
  const onExit = () => killGroup("SIGKILL");
  const onSigterm = () => {
    killGroup("SIGKILL");
    process.kill(process.pid, "SIGTERM");
  };
  process.once("exit", onExit);
  process.once("SIGTERM", onSigterm);
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      process.off("exit", onExit);
      process.off("SIGTERM", onSigterm);
      if (exited) return;
      killGroup("SIGTERM");
      await Promise.race([exit, sleep(3000)]);
      if (!exited) killGroup("SIGKILL");
      await exit;
    })();
    return stopping;
  };
  afterAll(stop);

  const port = new Promise<string>((resolve) => {
    const onData = (data: Buffer) => {
      log += data.toString();
      const match = /Uvicorn running on http:\/\/127\.0\.0\.1:(\d+)/.exec(log);
      if (match) resolve(match[1]!);
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
  });
  const deadline = Date.now() + (options.readyTimeoutMs ?? 30_000);
  const failed = (reason: string) => new Error(`uvicorn ${options.app} ${reason}:\n${log.split("\n").slice(-20).join("\n")}`);
  const found = await Promise.race([port, exit.then(() => undefined), sleep(deadline - Date.now()).then(() => undefined)]);
  if (found === undefined) {
    await stop();
    throw failed(exited ? "exited before serving" : "did not start in time");
  }
  const baseUrl = `http://127.0.0.1:${found}`;
  while (!(await answers(`${baseUrl}/openapi.json`))) {
    if (exited || Date.now() > deadline) {
      await stop();
      throw failed("never answered /openapi.json");
    }
    await sleep(50);
  }
  return { baseUrl, stop };
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url);
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}
