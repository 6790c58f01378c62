/**
 * The content-api sidecar's wire types, owned by this Node app: sync-types generates the
 * service's Pydantic models from this file (services/content-api/app/contract_models.py) and
 * fails a sync or `check` when the service's OpenAPI document stops matching it.
 */

/** The embedding models the service offers. */
export type EmbeddingModel = "hash-256" | "hash-1024";

/** Why a completion ended. */
export type FinishReason = "stop" | "length";

/** Where a batch job is. */
export type JobStatus = "queued" | "running" | "succeeded" | "failed";

export interface GenerateRequest {
  /**
   * @minLength 1
   * @maxLength 4000
   */
  prompt: string;
  /**
   * @asType integer
   * @minimum 1
   * @maximum 512
   * @default 64
   */
  max_tokens?: number;
  /**
   * @minimum 0
   * @maximum 2
   * @default 0.7
   */
  temperature?: number;
}

/** One streamed token; the last one says why the completion ended. */
export interface Token {
  /** @asType integer */
  index: number;
  text: string;
  finish_reason?: FinishReason | null;
}

export interface Completion {
  text: string;
  /** @asType integer */
  tokens: number;
  finish_reason: FinishReason;
}

export interface Document {
  /** @format uuid */
  id: string;
  title: string;
  filename: string;
  content_type?: string | null;
  /** @asType integer */
  size: number;
  sha256: string;
  /** @format date-time */
  uploaded_at: string;
}

export interface JobCreate {
  kind: "summarize" | "translate";
  /** @minItems 1 */
  document_ids: Uuid[];
  /** @pattern ^[a-z]{2}$ */
  target_language?: string | null;
}

export interface Job extends JobCreate {
  /** @format uuid */
  id: string;
  status: JobStatus;
  /** @format date-time */
  created_at: string;
}

export interface JobEvent {
  /** @format uuid */
  job_id: string;
  status: JobStatus;
  /**
   * @minimum 0
   * @maximum 1
   */
  progress: number;
  message?: string | null;
}

export interface EmbeddingRequest {
  /**
   * @minItems 1
   * @maxItems 256
   */
  inputs: string[];
  /** @default "hash-256" */
  model?: EmbeddingModel;
}

export interface EmbeddingResponse {
  model: EmbeddingModel;
  /** @asType integer */
  dimensions: number;
  vectors: number[][];
}

export interface NotFound {
  detail: string;
}

export interface Health {
  /** @default "ok" */
  status?: "ok";
  /** @asType integer */
  documents: number;
  /** @asType integer */
  jobs: number;
}

/** @format uuid */
type Uuid = string;
