import { defineConfig } from "sync-types/config";

// Two FastAPI sidecars called by ./node-app. Every path is relative to this file.
// `fakes: true` also writes fakes.gen.ts, which node-app's tests use instead of the services.
// content-api implements a contract the Node app owns: its Pydantic models are generated from
// node-app/src/contracts/content.ts, and a sync fails when the service stops matching it.
export default defineConfig({
  services: {
    "estimation-api": {
      dir: "services/estimation-api",
      app: "app.main:app",
      spec: "contracts/estimation-api.openapi.json",
      output: "node-app/src/clients/estimation-api",
      fakes: true,
    },
    "content-api": {
      dir: "services/content-api",
      app: "app.main:app",
      spec: "contracts/content-api.openapi.json",
      output: "node-app/src/clients/content-api",
      fakes: true,
      contract: "node-app/src/contracts/content.ts",
      pydantic: "services/content-api/app/contract_models.py",
    },
  },
  typecheck: { tsconfig: "node-app/tsconfig.json" },
});
