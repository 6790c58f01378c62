/**
 * A deal assistant that calls the two FastAPI sidecars through the clients sync-types generates.
 * Every request and response below is typed from the services' OpenAPI contracts: rename a
 * Pydantic field and `tsc` (and `sync-types check`) points at the line here that breaks.
 */
import { pathToFileURL } from "node:url";
import * as content from "./clients/content-api/index.js";
import * as estimation from "./clients/estimation-api/index.js";

export interface Services {
  estimation: estimation.Client;
  content: content.Client;
}

/** Clients for the sidecars, at the URLs the pm2 ecosystem file gives them. */
export function connect(env: Record<string, string | undefined> = process.env): Services {
  return {
    estimation: estimation.createClient({ baseUrl: env["ESTIMATION_API_URL"] ?? "http://127.0.0.1:8101", timeoutMs: 10_000 }),
    content: content.createClient({ baseUrl: env["CONTENT_API_URL"] ?? "http://127.0.0.1:8102", timeoutMs: 30_000 }),
  };
}

/** Prices a deal: one flat-fee seat line and one graduated usage line. */
export async function priceDeal(api: Services, customer: string): Promise<estimation.Estimate> {
  const draft: estimation.EstimateCreate = {
    customer,
    currency: "EUR",
    tags: ["q4", "expansion"],
    line_items: [
      { sku: "SEATS", quantity: 25, pricing: { kind: "fixed", amount: "49.00" } },
      {
        sku: "API-CALLS",
        pricing: {
          kind: "tiered",
          unit: "call",
          estimated_units: 1_500,
          tiers: [{ up_to: 1_000, unit_price: "0.02" }, { up_to: null, unit_price: "0.01" }],
        },
      },
    ],
  };
  const estimate = await api.estimation.createEstimate({ body: draft });
  return api.estimation.changeStage({ path: { estimate_id: estimate.id }, body: { stage: "proposal", reason: "pricing sent" } });
}

/** A missing estimate is a typed 404, not a guess about the response shape. */
export async function findEstimate(api: Services, id: string): Promise<estimation.Estimate | undefined> {
  try {
    return await api.estimation.getEstimate({ path: { estimate_id: id } });
  } catch (error) {
    if (estimation.isApiError(error, "getEstimate") && error.status === 404) return undefined;
    throw error;
  }
}

/** Streams a summary token by token over SSE. */
export async function summarize(api: Services, estimate: estimation.Estimate, signal?: AbortSignal): Promise<string> {
  let text = "";
  const prompt = `Summarize the ${estimate.currency} ${estimate.total} proposal for ${estimate.customer}`;
  for await (const token of api.content.streamTokens({ body: { prompt, max_tokens: 24 }, ...(signal ? { signal } : {}) })) {
    text += token.text;
    if (token.finish_reason) break;
  }
  return text;
}

/** Uploads the deal's terms, runs a summarize job and follows its JSON Lines progress. */
export async function processTerms(api: Services, terms: string): Promise<content.JobEvent[]> {
  const document = await api.content.uploadDocument({
    body: { file: new Blob([terms], { type: "text/plain" }), title: "Terms and conditions" },
  });
  const job = await api.content.createJob({ body: { kind: "summarize", document_ids: [document.id] } });
  const events: content.JobEvent[] = [];
  for await (const event of api.content.streamJobEvents({ path: { job_id: job.id } })) events.push(event);
  return events;
}

export async function main(): Promise<void> {
  const api = connect();
  const estimate = await priceDeal(api, "Acme GmbH");
  console.log(`estimate ${estimate.id}: ${estimate.total} ${estimate.currency} (${estimate.stage})`);
  console.log(`missing estimate → ${(await findEstimate(api, "00000000-0000-0000-0000-000000000000")) ?? "404, as declared"}`);
  console.log(`summary: ${await summarize(api, estimate)}`);
  const events = await processTerms(api, "Payment within 30 days. Prices exclude VAT.");
  console.log(`job: ${events.map((e) => `${e.status} ${Math.round(e.progress * 100)}%`).join(" → ")}`);
  const { vectors, dimensions } = await api.content.createEmbeddings({ body: { inputs: [estimate.customer, "proposal"] } });
  console.log(`embeddings: ${vectors.length} × ${dimensions}`);
  const recent = await api.estimation.listEstimates({ query: { stage: "proposal", tags: ["q4"], limit: 5 } });
  console.log(`proposals tagged q4: ${recent.length}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
