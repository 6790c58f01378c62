// zod schemas of the models, typed with types.gen.ts, and a client that checks every response
// against them. zod >= 4.3 must be installed where this file is compiled.
import { z } from "zod";
import { createClient, type Client, type ResponseContext } from "./client.gen.js";
import type { components } from "./types.gen.js";

/** Any JSON object: `{ "type": "object" }` with nothing more, which openapi-typescript types as `Record<string, never>`. */
const anyObject = z.custom<Record<string, never>>((value) => typeof value === "object" && value !== null && !Array.isArray(value));

export const AliasedSchema: z.ZodType<components["schemas"]["Aliased"]> = z.looseObject({
  displayName: z.string(),
});

export const LoginBodySchema: z.ZodType<components["schemas"]["Body_login_login_post"]> = z.looseObject({
  username: z.string(),
  password: z.string().min(3),
  scopes: z.array(z.string()).exactOptional(),
  remember: z.boolean().exactOptional(),
});

export const AttachFileBodySchema: z.ZodType<components["schemas"]["Body_orders-attach_file"]> = z.looseObject({
  file: z.string(),
  caption: z.string().exactOptional(),
});

export const UploadBytesBodySchema: z.ZodType<components["schemas"]["Body_upload_bytes_bytes_post"]> = z.looseObject({
  data: z.string(),
});

export const UploadFileBodySchema: z.ZodType<components["schemas"]["Body_upload_file_upload_post"]> = z.looseObject({
  file: z.string(),
  note: z.string().nullable().exactOptional(),
});

export const UploadFilesBodySchema: z.ZodType<components["schemas"]["Body_upload_files_upload_many_post"]> = z.looseObject({
  files: z.array(z.string()),
  labels: z.array(z.string()).exactOptional(),
});

export const CatSchema: z.ZodType<components["schemas"]["Cat"]> & z.core.$ZodTypeDiscriminable = z.looseObject({
  kind: z.enum(["cat"]),
  name: z.string(),
  lives: z.int().exactOptional(),
});

export const ChatChunkSchema: z.ZodType<components["schemas"]["ChatChunk"]> = z.looseObject({
  delta: z.string(),
  done: z.boolean().exactOptional(),
});

export const ChatRequestSchema: z.ZodType<components["schemas"]["ChatRequest"]> = z.looseObject({
  prompt: z.string(),
  words: z.int().gte(0).lte(50).exactOptional(),
});

export const ColorSchema: z.ZodType<components["schemas"]["Color"]> = z.enum(["red", "green", "blue"]);

export const DogSchema: z.ZodType<components["schemas"]["Dog"]> & z.core.$ZodTypeDiscriminable = z.looseObject({
  kind: z.enum(["dog"]),
  name: z.string(),
  good_boy: z.boolean().exactOptional(),
});

export const ValidationErrorSchema: z.ZodType<components["schemas"]["ValidationError"]> = z.looseObject({
  loc: z.array(z.union([z.string(), z.int()])),
  msg: z.string(),
  type: z.string(),
  input: z.unknown().exactOptional(),
  ctx: anyObject.exactOptional(),
});

export const HTTPValidationErrorSchema: z.ZodType<components["schemas"]["HTTPValidationError"]> = z.looseObject({
  detail: z.array(ValidationErrorSchema).exactOptional(),
});

export const ItemInputSchema: z.ZodType<components["schemas"]["Item-Input"]> = z.looseObject({
  name: z.string().min(1).regex(new RegExp("^\u005CS", "u")),
  price: z.union([z.number(), z.string()]),
  quantity: z.int().gte(0).lte(1000).exactOptional(),
  color: ColorSchema.exactOptional(),
  description: z.string().nullable().exactOptional(),
  tags: z.array(z.string()).exactOptional(),
  size: z.enum(["s", "m", "l"]).exactOptional(),
  available_on: z.iso.date().nullable().exactOptional(),
});

export const ItemSchema: z.ZodType<components["schemas"]["Item-Output"]> = z.looseObject({
  name: z.string().min(1).regex(new RegExp("^\u005CS", "u")),
  price: z.string(),
  quantity: z.int().gte(0).lte(1000).exactOptional(),
  color: ColorSchema.exactOptional(),
  description: z.string().nullable().exactOptional(),
  tags: z.array(z.string()).exactOptional(),
  size: z.enum(["s", "m", "l"]).exactOptional(),
  available_on: z.iso.date().nullable().exactOptional(),
  total: z.string(),
});

export const NodeSchema: z.ZodType<components["schemas"]["Node"]> = z.looseObject({
  name: z.string(),
  children: z.array(z.lazy(() => NodeSchema)).exactOptional(),
});

export const NotFoundSchema: z.ZodType<components["schemas"]["NotFound"]> = z.looseObject({
  detail: z.string(),
});

export const OrderSchema: z.ZodType<components["schemas"]["Order"]> = z.looseObject({
  id: z.int(),
  item_name: z.string(),
  note: z.string().nullable().exactOptional(),
});

export const OrderInSchema: z.ZodType<components["schemas"]["OrderIn"]> = z.looseObject({
  item_name: z.string(),
  note: z.string().nullable().exactOptional(),
});

export const PageItemSchema: z.ZodType<components["schemas"]["Page_Item_"]> = z.looseObject({
  items: z.array(ItemSchema),
  total: z.int(),
  next_cursor: z.string().nullable().exactOptional(),
});

export const StoredItemSchema: z.ZodType<components["schemas"]["StoredItem"]> = z.looseObject({
  id: z.guid(),
  created_at: z.iso.datetime({ offset: true, local: true }),
  item: ItemSchema,
});

export const TokenSchema: z.ZodType<components["schemas"]["Token"]> = z.looseObject({
  index: z.int(),
  text: z.string(),
});

export const UploadSchema: z.ZodType<components["schemas"]["Upload"]> = z.looseObject({
  filename: z.string().nullable(),
  size: z.int(),
  content_type: z.string().nullable(),
});

export const M1UserSchema: z.ZodType<components["schemas"]["app__m1__User"]> = z.looseObject({
  id: z.int(),
  email: z.string(),
});

export const M2UserSchema: z.ZodType<components["schemas"]["app__m2__User"]> = z.looseObject({
  username: z.string(),
  admin: z.boolean().exactOptional(),
});

/** Per client method and declared status: the schema of its JSON body or stream item. */
const responseValidators: Record<string, Record<string, z.ZodType>> = {
  aliased: {
    "200": AliasedSchema,
  },
  uploadBytes: {
    "200": z.int(),
    "422": HTTPValidationErrorSchema,
  },
  getCounts: {
    "200": z.record(z.string(), z.int()),
  },
  echoPath: {
    "200": z.string(),
    "422": HTTPValidationErrorSchema,
  },
  fail: {
    "200": z.record(z.string(), z.string()),
    "422": HTTPValidationErrorSchema,
  },
  readItem: {
    "200": StoredItemSchema,
    "404": NotFoundSchema,
    "422": HTTPValidationErrorSchema,
  },
  replaceItem: {
    "200": StoredItemSchema,
    "422": HTTPValidationErrorSchema,
  },
  deleteItem: {
    "422": HTTPValidationErrorSchema,
  },
  legacy: {
    "200": z.array(z.string()),
  },
  login: {
    "200": z.record(z.string(), z.union([z.string(), z.boolean(), z.array(z.string())])),
    "422": HTTPValidationErrorSchema,
  },
  getM1User: {
    "200": M1UserSchema,
  },
  getM2User: {
    "200": M2UserSchema,
  },
  postNote: {
    "200": z.record(z.string(), z.int()),
  },
  listOrders: {
    "200": z.array(OrderSchema),
    "422": HTTPValidationErrorSchema,
  },
  createOrder: {
    "201": OrderSchema,
    "422": HTTPValidationErrorSchema,
  },
  attachFile: {
    "200": OrderSchema,
    "422": HTTPValidationErrorSchema,
  },
  getPage: {
    "200": PageItemSchema,
    "422": HTTPValidationErrorSchema,
  },
  createPet: {
    "201": z.discriminatedUnion("kind", [CatSchema, DogSchema]),
    "422": HTTPValidationErrorSchema,
  },
  getPet: {
    "200": z.discriminatedUnion("kind", [CatSchema, DogSchema]),
    "422": HTTPValidationErrorSchema,
  },
  getPing: {
    "200": z.string(),
  },
  postPing: {
    "200": z.string(),
  },
  slow: {
    "200": z.record(z.string(), z.number()),
    "422": HTTPValidationErrorSchema,
  },
  streamChat: {
    "200": ChatChunkSchema,
    "422": HTTPValidationErrorSchema,
  },
  streamLegacy: {
    "422": HTTPValidationErrorSchema,
  },
  streamRaw: {
    "422": HTTPValidationErrorSchema,
  },
  streamTokens: {
    "200": TokenSchema,
    "422": HTTPValidationErrorSchema,
  },
  streamTokensJsonl: {
    "200": TokenSchema,
    "422": HTTPValidationErrorSchema,
  },
  getTree: {
    "200": NodeSchema,
    "422": HTTPValidationErrorSchema,
  },
  streamCsv: {
    "422": HTTPValidationErrorSchema,
  },
  positive: {
    "200": z.int(),
    "422": HTTPValidationErrorSchema,
  },
  echoTags: {
    "200": z.array(z.string()),
    "422": HTTPValidationErrorSchema,
  },
  getUnion: {
    "200": z.union([CatSchema, DogSchema]),
    "422": HTTPValidationErrorSchema,
  },
  uploadFile: {
    "200": UploadSchema,
    "422": HTTPValidationErrorSchema,
  },
  uploadFiles: {
    "200": z.array(UploadSchema),
    "422": HTTPValidationErrorSchema,
  },
  upsert: {
    "200": StoredItemSchema,
    "201": StoredItemSchema,
    "422": HTTPValidationErrorSchema,
  },
  whoami: {
    "200": z.record(z.string(), z.string().nullable()),
    "422": HTTPValidationErrorSchema,
  },
};

/** A response body or stream item that does not match the spec: the service drifted from its contract. */
export class ResponseValidationError extends Error {
  override readonly name: string = "ResponseValidationError";
  /** Client method, e.g. "readItem". */
  readonly operation: string;
  /** HTTP status of the response. */
  readonly status: number;
  /** What does not match, with its path in the body. */
  readonly issues: readonly z.core.$ZodIssue[];
  /** The body or stream item as received. */
  readonly body: unknown;

  constructor(context: ResponseContext, error: z.ZodError) {
    super(context.operation + ": the " + context.status + " response does not match the spec\n" + z.prettifyError(error), { cause: error });
    this.operation = context.operation;
    this.status = context.status;
    this.issues = error.issues;
    this.body = context.body;
  }
}

/** A ClientOptions.validate that checks each body against the schema its method and status declare; what the spec leaves open passes as is. */
export function validateResponse(context: ResponseContext): unknown {
  const statuses = Object.hasOwn(responseValidators, context.operation) ? responseValidators[context.operation] : undefined;
  const schema = statuses?.[String(context.status)] ?? statuses?.[Math.floor(context.status / 100) + "XX"] ?? statuses?.["default"];
  if (schema === undefined) return context.body;
  const result = schema.safeParse(context.body);
  if (!result.success) throw new ResponseValidationError(context, result.error);
  return result.data;
}

/** {@link createClient}, with every JSON response and stream item checked: one that does not match the spec rejects the call with {@link ResponseValidationError}. */
// createClient's own options: its ClientOptions<ClientAuth> when the spec declares security schemes.
export function createValidatingClient(options: Omit<Parameters<typeof createClient>[0], "validate">): Client {
  return createClient({ ...options, validate: validateResponse });
}
