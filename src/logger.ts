export type LogLevel = "quiet" | "normal" | "verbose";

const CODES = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  blue: [34, 39],
  magenta: [35, 39],
  cyan: [36, 39],
  gray: [90, 39],
} as const;
export type Style = keyof typeof CODES;
export type Paint = Record<Style, (text: string) => string>;

/** Colour only on a TTY; `NO_COLOR` always wins, `FORCE_COLOR` forces it (https://no-color.org). */
export function shouldColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env["NO_COLOR"] !== undefined && env["NO_COLOR"] !== "") return false;
  if (env["FORCE_COLOR"] !== undefined) return env["FORCE_COLOR"] !== "0";
  return stream.isTTY === true && env["TERM"] !== "dumb";
}

export function createPaint(enabled: boolean): Paint {
  const paint = {} as Paint;
  for (const [name, [open, close]] of Object.entries(CODES)) {
    paint[name as Style] = enabled ? (text) => `\u001b[${open}m${text}\u001b[${close}m` : (text) => text;
  }
  return paint;
}

export interface Logger {
  readonly level: LogLevel;
  readonly paint: Paint;
  readonly interactive: boolean;
  /** Results: shown unless `--quiet`. */
  info(message: string): void;
  /** Details: shown with `--verbose` or `DEBUG=sync-types:<stage>`. */
  debug(stage: string, message: string): void;
  warn(message: string): void;
  error(message: string): void;
  /** A transient status line (TTY only), replaced by the next call or cleared with `status()`. */
  status(message?: string): void;
}

export interface LoggerOptions {
  /** Default `"normal"`. */
  level?: LogLevel;
  /** Default `process.stderr`; results go to stdout. */
  out?: NodeJS.WritableStream & { isTTY?: boolean };
  err?: NodeJS.WritableStream & { isTTY?: boolean };
  env?: NodeJS.ProcessEnv;
  /** `false` (`--no-color`) turns colour off whatever the environment; default: NO_COLOR, FORCE_COLOR, then the terminal decide. */
  color?: boolean | undefined;
}

function debugStages(env: NodeJS.ProcessEnv): (stage: string) => boolean {
  const patterns = (env["DEBUG"] ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  return (stage) =>
    patterns.some((p) => p === "sync-types:*" || p === "*" || p === `sync-types:${stage}`);
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const env = options.env ?? process.env;
  const out = options.out ?? process.stdout;
  const err = options.err ?? process.stderr;
  const level = options.level ?? "normal";
  const paint = createPaint(options.color !== false && shouldColor(err, env));
  const interactive = err.isTTY === true && env["CI"] === undefined;
  const debugEnabled = debugStages(env);
  let statusShown = false;

  const clearStatus = () => {
    if (statusShown) err.write("\r\u001b[2K");
    statusShown = false;
  };
  const line = (stream: NodeJS.WritableStream, message: string) => {
    clearStatus();
    stream.write(message.endsWith("\n") ? message : `${message}\n`);
  };

  return {
    level,
    paint,
    interactive,
    info: (message) => level !== "quiet" && line(out, message),
    debug: (stage, message) => {
      if (level === "verbose" || debugEnabled(stage)) line(err, paint.gray(`[${stage}] ${message}`));
    },
    warn: (message) => line(err, `${paint.yellow("warning")} ${message}`),
    error: (message) => line(err, `${paint.red("error")} ${message}`),
    status: (message) => {
      if (!interactive || level === "quiet") return;
      clearStatus();
      if (message) {
        const width = (err as { columns?: number }).columns ?? 100;
        err.write(message.length > width - 1 ? `${message.slice(0, width - 2)}…` : message);
        statusShown = true;
      }
    },
  };
}

