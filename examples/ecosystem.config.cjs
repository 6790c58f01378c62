// pm2 process file for the example deployment: two FastAPI sidecars and the Node app that
// calls them over loopback. `pm2 start examples/ecosystem.config.cjs` after
// `node scripts/setup-venvs.mjs` and building the Node app.
const path = require("node:path");

const services = path.join(__dirname, "services");

/** Each sidecar runs from its own virtualenv, so its Python dependencies never mix with another's. */
function fastapiService(name, port) {
  const cwd = path.join(services, name);
  return {
    name,
    cwd,
    // The venv's python is the executable itself: pm2 resolves `script` as a file, so the
    // `interpreter` + `script: "-m"` spelling fails with "Script not found".
    script: path.join(cwd, ".venv", "bin", "python"),
    interpreter: "none",
    args: ["-m", "uvicorn", "app.main:app", "--host", "127.0.0.1", "--port", String(port)],
    // One process per service: the example stores live in memory.
    exec_mode: "fork",
    instances: 1,
    // pm2's default 1.6 s would cut off token streams still in flight on reload.
    kill_timeout: 10_000,
    env: {
      // As under sync-types, so the /openapi.json served here (`source: "url"`) is byte-identical:
      // operationIds of multi-method routes depend on hash order.
      PYTHONHASHSEED: "0",
      PYTHONUNBUFFERED: "1",
    },
  };
}

module.exports = {
  apps: [
    fastapiService("estimation-api", 8101),
    fastapiService("content-api", 8102),
    {
      name: "node-app",
      cwd: path.join(__dirname, "node-app"),
      script: "dist/main.js",
      exec_mode: "fork",
      instances: 1,
      env: {
        NODE_ENV: "production",
        ESTIMATION_API_URL: "http://127.0.0.1:8101",
        CONTENT_API_URL: "http://127.0.0.1:8102",
      },
    },
  ],
};
