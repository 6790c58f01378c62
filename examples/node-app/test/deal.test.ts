// The deal assistant's own tests, with no Python: each client gets its service's fake
// (fakes.gen.ts, generated with `fakes: true`) as its fetch. Default answers are the same on every
// run; overrides are typed from the contract, so a drifted mock is a compile error here too.
import { describe, expect, test } from "vitest";
import * as content from "../src/clients/content-api/index.js";
import { createFakeFetch as contentFake, type FakeOverrides as ContentOverrides } from "../src/clients/content-api/fakes.gen.js";
import * as estimation from "../src/clients/estimation-api/index.js";
import { createFakeFetch as estimationFake, type FakeOverrides as EstimationOverrides } from "../src/clients/estimation-api/fakes.gen.js";
import { findEstimate, priceDeal, processTerms, summarize, type Services } from "../src/main.js";

function services(overrides: { estimation?: EstimationOverrides; content?: ContentOverrides } = {}): Services {
  return {
    estimation: estimation.createClient({ baseUrl: "http://estimation.fake", fetch: estimationFake(overrides.estimation) }),
    content: content.createClient({ baseUrl: "http://content.fake", fetch: contentFake(overrides.content) }),
  };
}

describe("priceDeal", () => {
  test("creates the estimate, then moves it to proposal with the estimate's id", async () => {
    const stages: { id: string; stage: string }[] = [];
    const api = services({
      estimation: {
        changeStage: ({ path, body }) => {
          stages.push({ id: path.estimate_id, stage: body.stage });
          return { ...created, stage: body.stage, id: path.estimate_id };
        },
      },
    });
    const created = await api.estimation.createEstimate({ body: { customer: "ACME", line_items: [{ sku: "X", pricing: { kind: "fixed", amount: 1 } }] } });
    const estimate = await priceDeal(api, "ACME");
    expect(estimate.stage).toBe("proposal");
    expect(stages).toEqual([{ id: created.id, stage: "proposal" }]);
  });
});

describe("findEstimate", () => {
  test("a 404 the contract declares is undefined, not an error", async () => {
    const api = services({ estimation: { getEstimate: ({ path }) => ({ status: 404, body: { detail: `estimate ${path.estimate_id} not found` } }) } });
    expect(await findEstimate(api, "9a5e9d8e-2f7c-4a55-9a0e-0d6d3c1f7b21")).toBeUndefined();
  });

  test("an id that is not a UUID is FastAPI's 422, which is not swallowed", async () => {
    await expect(findEstimate(services(), "not-a-uuid")).rejects.toMatchObject({ status: 422, body: { detail: [{ loc: ["path", "estimate_id"], type: "uuid_parsing" }] } });
  });
});

describe("streams", () => {
  test("summarize joins the SSE tokens the service streams", async () => {
    const api = services({
      content: {
        streamTokens: async function* ({ body }) {
          yield { data: { index: 0, text: `${body.max_tokens} tokens:` } };
          yield { data: { index: 1, text: " fine", finish_reason: "stop" } };
        },
      },
    });
    const estimate = await api.estimation.getEstimate({ path: { estimate_id: "9a5e9d8e-2f7c-4a55-9a0e-0d6d3c1f7b21" } });
    expect(await summarize(api, estimate)).toBe("24 tokens: fine");
  });

  test("processTerms collects the job's JSON Lines events", async () => {
    const api = services({
      content: {
        streamJobEvents: ({ path }) => [
          { job_id: path.job_id, status: "running", progress: 0.5 },
          { job_id: path.job_id, status: "succeeded", progress: 1 },
        ],
      },
    });
    const events = await processTerms(api, "Net 30.");
    expect(events.map((event) => event.status)).toEqual(["running", "succeeded"]);
  });
});
