import type { components, paths } from "./types.gen.js";
import { createTransport, isDeclaredError, type ApiError, type CallOptions, type ClientOptions, type SseCallOptions, type SseStream } from "./runtime.gen.js";

export { ApiError, NetworkError, StreamLimitError, TimeoutError } from "./runtime.gen.js";
export type { AuthValue, BasicCredentials, CallOptions, ClientOptions, FetchInit, FetchLike, HeaderMap, ResponseContext, SseCallOptions, SseEvent, SseStream } from "./runtime.gen.js";

/** One method per operation of the service. Create one with {@link createClient}. */
export interface Client {
  /** `GET /aliased` */
  aliased(request?: CallOptions): Promise<Aliased>;
  /**
   * `POST /bytes`
   * @throws {ApiError} 422 as declared: narrow with `isApiError(error, "uploadBytes")`
   */
  uploadBytes(request: UploadBytesRequest): Promise<number>;
  /** `GET /counts` */
  getCounts(request?: CallOptions): Promise<Record<string, number>>;
  /**
   * `GET /echo/{text}`
   * @throws {ApiError} 422 as declared: narrow with `isApiError(error, "echoPath")`
   */
  echoPath(request: EchoPathRequest): Promise<string>;
  /**
   * `GET /fail/{status}`
   * @throws {ApiError} 422 as declared: narrow with `isApiError(error, "fail")`
   */
  fail(request: FailRequest): Promise<Record<string, string>>;
  /** `GET /image` */
  getImage(request?: CallOptions): Promise<Blob>;
  /**
   * Read one item
   *
   * Echoes the query back in the item so tests can see how it was serialized.
   *
   * `GET /items/{item_id}`
   * @throws {ApiError} 404, 422 as declared: narrow with `isApiError(error, "readItem")`
   */
  readItem(request: ReadItemRequest): Promise<StoredItem>;
  /**
   * `PUT /items/{item_id}`
   * @throws {ApiError} 422 as declared: narrow with `isApiError(error, "replaceItem")`
   */
  replaceItem(request: ReplaceItemRequest): Promise<StoredItem>;
  /**
   * `DELETE /items/{item_id}`
   * @throws {ApiError} 422 as declared: narrow with `isApiError(error, "deleteItem")`
   */
  deleteItem(request: DeleteItemRequest): Promise<void>;
  /**
   * Old listing
   *
   * Use `GET /page` instead.
   *
   * Kept for old clients.
   *
   * `GET /legacy`
   * @deprecated
   */
  legacy(request?: CallOptions): Promise<string[]>;
  /**
   * `POST /login`
   * @throws {ApiError} 422 as declared: narrow with `isApiError(error, "login")`
   */
  login(request: LoginRequest): Promise<Record<string, string | boolean | string[]>>;
  /** `GET /m1/user` */
  getM1User(request?: CallOptions): Promise<M1User>;
  /** `GET /m2/user` */
  getM2User(request?: CallOptions): Promise<M2User>;
  /** `POST /notes` */
  postNote(request: PostNoteRequest): Promise<Record<string, number>>;
  /**
   * `GET /orders`
   * @throws {ApiError} 422 as declared: narrow with `isApiError(error, "listOrders")`
   */
  listOrders(request?: ListOrdersRequest): Promise<Order[]>;
  /**
   * `POST /orders`
   * @throws {ApiError} 422 as declared: narrow with `isApiError(error, "createOrder")`
   */
  createOrder(request: CreateOrderRequest): Promise<Order>;
  /**
   * `POST /orders/{order_id}/attachment`
   * @throws {ApiError} 422 as declared: narrow with `isApiError(error, "attachFile")`
   */
  attachFile(request: AttachFileRequest): Promise<Order>;
  /**
   * `GET /page`
   * @throws {ApiError} 422 as declared: narrow with `isApiError(error, "getPage")`
   */
  getPage(request?: GetPageRequest): Promise<PageItem>;
  /**
   * `POST /pets`
   * @throws {ApiError} 422 as declared: narrow with `isApiError(error, "createPet")`
   */
  createPet(request: CreatePetRequest): Promise<Cat | Dog>;
  /**
   * `GET /pets/{pet_id}`
   * @throws {ApiError} 422 as declared: narrow with `isApiError(error, "getPet")`
   */
  getPet(request: GetPetRequest): Promise<Cat | Dog>;
  /** `GET /ping` */
  getPing(request?: CallOptions): Promise<string>;
  /** `POST /ping` */
  postPing(request?: CallOptions): Promise<string>;
  /**
   * `GET /slow`
   * @throws {ApiError} 422 as declared: narrow with `isApiError(error, "slow")`
   */
  slow(request?: SlowRequest): Promise<Record<string, number>>;
  /**
   * SSE over POST with a JSON body, as LLM endpoints do.
   *
   * `POST /stream/chat`
   * @throws {ApiError} 422 as declared: narrow with `isApiError(error, "streamChat")`
   */
  streamChat(request: StreamChatRequest): SseStream<ChatChunk>;
  /**
   * Untyped SSE: raw multi-line data, named events, comments and `retry`.
   *
   * `GET /stream/events`
   */
  streamEvents(request?: SseCallOptions): SseStream<unknown>;
  /**
   * Hand-written SSE frames, as sse-starlette produces: the spec says `application/json` + `{}`.
   *
   * `GET /stream/legacy`
   * @throws {ApiError} 422 as declared: narrow with `isApiError(error, "streamLegacy")`
   */
  streamLegacy(request?: StreamLegacyRequest): SseStream<StreamLegacyItem>;
  /**
   * Untyped NDJSON through StreamingResponse: the spec says nothing about the items.
   *
   * `GET /stream/raw`
   * @throws {ApiError} 422 as declared: narrow with `isApiError(error, "streamRaw")`
   */
  streamRaw(request?: StreamRawRequest): SseStream<StreamRawItem>;
  /**
   * Typed SSE. Each event carries `id` so a client can resume with `Last-Event-ID`.
   *
   * `GET /stream/tokens`
   * @throws {ApiError} 422 as declared: narrow with `isApiError(error, "streamTokens")`
   */
  streamTokens(request?: StreamTokensRequest): SseStream<Token>;
  /**
   * JSON Lines: a generator with no response_class.
   *
   * `GET /stream/tokens.jsonl`
   * @throws {ApiError} 422 as declared: narrow with `isApiError(error, "streamTokensJsonl")`
   */
  streamTokensJsonl(request?: StreamTokensJsonlRequest): AsyncIterable<Token>;
  /** `GET /text` */
  getText(request?: CallOptions): Promise<string>;
  /**
   * `GET /tree`
   * @throws {ApiError} 422 as declared: narrow with `isApiError(error, "getTree")`
   */
  getTree(request?: GetTreeRequest): Promise<Node>;
  /**
   * `GET /undeclared/csv`
   * @throws {ApiError} 422 as declared: narrow with `isApiError(error, "streamCsv")`
   */
  streamCsv(request?: StreamCsvRequest): Promise<Blob>;
  /** `GET /undeclared/file` */
  downloadFile(request?: CallOptions): Promise<Blob>;
  /**
   * `GET /undeclared/positive`
   * @throws {ApiError} 422 as declared: narrow with `isApiError(error, "positive")`
   */
  positive(request: PositiveRequest): Promise<number>;
  /** `GET /undeclared/raw-json` */
  rawJson(request?: CallOptions): Promise<Blob>;
  /** `GET /undeclared/redirect` */
  redirectToCounts(request?: CallOptions): Promise<unknown>;
  /**
   * `GET /undeclared/tags`
   * @throws {ApiError} 422 as declared: narrow with `isApiError(error, "echoTags")`
   */
  echoTags(request?: EchoTagsRequest): Promise<string[]>;
  /**
   * `GET /union`
   * @throws {ApiError} 422 as declared: narrow with `isApiError(error, "getUnion")`
   */
  getUnion(request?: GetUnionRequest): Promise<Cat | Dog>;
  /** `GET /untyped` */
  untyped(request?: CallOptions): Promise<unknown>;
  /**
   * `POST /upload`
   * @throws {ApiError} 422 as declared: narrow with `isApiError(error, "uploadFile")`
   */
  uploadFile(request: UploadFileRequest): Promise<Upload>;
  /**
   * `POST /upload-many`
   * @throws {ApiError} 422 as declared: narrow with `isApiError(error, "uploadFiles")`
   */
  uploadFiles(request: UploadFilesRequest): Promise<Upload[]>;
  /**
   * `PUT /upsert/{key}`
   * @throws {ApiError} 422 as declared: narrow with `isApiError(error, "upsert")`
   */
  upsert(request: UpsertRequest): Promise<StoredItem>;
  /**
   * `GET /whoami`
   * @throws {ApiError} 422 as declared: narrow with `isApiError(error, "whoami")`
   */
  whoami(request: WhoamiRequest): Promise<Record<string, string | null>>;
}

/**
 * A client for the service at `options.baseUrl`. Methods reject with `ApiError` (non-2xx), `TimeoutError` or `NetworkError`.
 *
 * Redirects (301, 302, 303, 307, 308) are followed, as fetch does: the call resolves with the target's body, typed `unknown` since the spec does not say what the target returns. Pass `init: { redirect: "error" }` to refuse them (`NetworkError`), or `{ redirect: "manual" }` on servers to get the 3xx as an `ApiError` (browsers hide it).
 *
 * A 2xx the spec gives no content (`FileResponse`, `StreamingResponse`, `Response`) resolves with a `Blob`, whatever its Content-Type.
 */
export function createClient(options: ClientOptions): Client {
  const transport = createTransport(options);
  return {
    aliased: (request) =>
      transport.call({ name: "aliased", method: "GET", path: "/aliased" }, request),
    uploadBytes: (request) =>
      transport.call({ name: "uploadBytes", method: "POST", path: "/bytes", body: "multipart/form-data", errors: ["422"] }, request),
    getCounts: (request) =>
      transport.call({ name: "getCounts", method: "GET", path: "/counts" }, request),
    echoPath: (request) =>
      transport.call({ name: "echoPath", method: "GET", path: "/echo/{text}", errors: ["422"] }, request),
    fail: (request) =>
      transport.call({ name: "fail", method: "GET", path: "/fail/{status}", errors: ["422"] }, request),
    getImage: (request) =>
      transport.call({ name: "getImage", method: "GET", path: "/image" }, request),
    readItem: (request) =>
      transport.call({ name: "readItem", method: "GET", path: "/items/{item_id}", errors: ["404", "422"] }, request),
    replaceItem: (request) =>
      transport.call({ name: "replaceItem", method: "PUT", path: "/items/{item_id}", body: "application/json", errors: ["422"] }, request),
    deleteItem: (request) =>
      transport.call({ name: "deleteItem", method: "DELETE", path: "/items/{item_id}", errors: ["422"] }, request),
    legacy: (request) =>
      transport.call({ name: "legacy", method: "GET", path: "/legacy" }, request),
    login: (request) =>
      transport.call({ name: "login", method: "POST", path: "/login", body: "application/x-www-form-urlencoded", errors: ["422"] }, request),
    getM1User: (request) =>
      transport.call({ name: "getM1User", method: "GET", path: "/m1/user" }, request),
    getM2User: (request) =>
      transport.call({ name: "getM2User", method: "GET", path: "/m2/user" }, request),
    postNote: (request) =>
      transport.call({ name: "postNote", method: "POST", path: "/notes", body: "text/plain" }, request),
    listOrders: (request) =>
      transport.call({ name: "listOrders", method: "GET", path: "/orders", errors: ["422"] }, request),
    createOrder: (request) =>
      transport.call({ name: "createOrder", method: "POST", path: "/orders", body: "application/json", errors: ["422"] }, request),
    attachFile: (request) =>
      transport.call({ name: "attachFile", method: "POST", path: "/orders/{order_id}/attachment", body: "multipart/form-data", errors: ["422"] }, request),
    getPage: (request) =>
      transport.call({ name: "getPage", method: "GET", path: "/page", errors: ["422"] }, request),
    createPet: (request) =>
      transport.call({ name: "createPet", method: "POST", path: "/pets", body: "application/json", errors: ["422"] }, request),
    getPet: (request) =>
      transport.call({ name: "getPet", method: "GET", path: "/pets/{pet_id}", errors: ["422"] }, request),
    getPing: (request) =>
      transport.call({ name: "getPing", method: "GET", path: "/ping" }, request),
    postPing: (request) =>
      transport.call({ name: "postPing", method: "POST", path: "/ping" }, request),
    slow: (request) =>
      transport.call({ name: "slow", method: "GET", path: "/slow", errors: ["422"] }, request),
    streamChat: (request) =>
      transport.sse({ name: "streamChat", method: "POST", path: "/stream/chat", body: "application/json", errors: ["422"] }, request, "json"),
    streamEvents: (request) =>
      transport.sse({ name: "streamEvents", method: "GET", path: "/stream/events" }, request, "json-or-text"),
    streamLegacy: (request) =>
      transport.stream({ name: "streamLegacy", method: "GET", path: "/stream/legacy", errors: ["422"] }, request),
    streamRaw: (request) =>
      transport.stream({ name: "streamRaw", method: "GET", path: "/stream/raw", errors: ["422"] }, request),
    streamTokens: (request) =>
      transport.sse({ name: "streamTokens", method: "GET", path: "/stream/tokens", errors: ["422"] }, request, "json"),
    streamTokensJsonl: (request) =>
      transport.jsonLines({ name: "streamTokensJsonl", method: "GET", path: "/stream/tokens.jsonl", errors: ["422"] }, request),
    getText: (request) =>
      transport.call({ name: "getText", method: "GET", path: "/text" }, request),
    getTree: (request) =>
      transport.call({ name: "getTree", method: "GET", path: "/tree", errors: ["422"] }, request),
    streamCsv: (request) =>
      transport.call({ name: "streamCsv", method: "GET", path: "/undeclared/csv", errors: ["422"], blob: ["200"] }, request),
    downloadFile: (request) =>
      transport.call({ name: "downloadFile", method: "GET", path: "/undeclared/file", blob: ["200"] }, request),
    positive: (request) =>
      transport.call({ name: "positive", method: "GET", path: "/undeclared/positive", errors: ["422"] }, request),
    rawJson: (request) =>
      transport.call({ name: "rawJson", method: "GET", path: "/undeclared/raw-json", blob: ["200"] }, request),
    redirectToCounts: (request) =>
      transport.call({ name: "redirectToCounts", method: "GET", path: "/undeclared/redirect" }, request),
    echoTags: (request) =>
      transport.call({ name: "echoTags", method: "GET", path: "/undeclared/tags", errors: ["422"] }, request),
    getUnion: (request) =>
      transport.call({ name: "getUnion", method: "GET", path: "/union", errors: ["422"] }, request),
    untyped: (request) =>
      transport.call({ name: "untyped", method: "GET", path: "/untyped" }, request),
    uploadFile: (request) =>
      transport.call({ name: "uploadFile", method: "POST", path: "/upload", body: "multipart/form-data", errors: ["422"] }, request),
    uploadFiles: (request) =>
      transport.call({ name: "uploadFiles", method: "POST", path: "/upload-many", body: "multipart/form-data", errors: ["422"] }, request),
    upsert: (request) =>
      transport.call({ name: "upsert", method: "PUT", path: "/upsert/{key}", body: "application/json", errors: ["422"] }, request),
    whoami: (request) =>
      transport.call({ name: "whoami", method: "GET", path: "/whoami", errors: ["422"] }, request),
  };
}

/** The `ApiError`s each method can reject with, by status the spec declares. Narrow with {@link isApiError}. */
export interface ClientErrors {
  uploadBytes: ApiError<422, HTTPValidationError>;
  echoPath: ApiError<422, HTTPValidationError>;
  fail: ApiError<422, HTTPValidationError>;
  readItem: ApiError<404, NotFound> | ApiError<422, HTTPValidationError>;
  replaceItem: ApiError<422, HTTPValidationError>;
  deleteItem: ApiError<422, HTTPValidationError>;
  login: ApiError<422, HTTPValidationError>;
  listOrders: ApiError<422, HTTPValidationError>;
  createOrder: ApiError<422, HTTPValidationError>;
  attachFile: ApiError<422, HTTPValidationError>;
  getPage: ApiError<422, HTTPValidationError>;
  createPet: ApiError<422, HTTPValidationError>;
  getPet: ApiError<422, HTTPValidationError>;
  slow: ApiError<422, HTTPValidationError>;
  streamChat: ApiError<422, HTTPValidationError>;
  streamLegacy: ApiError<422, HTTPValidationError>;
  streamRaw: ApiError<422, HTTPValidationError>;
  streamTokens: ApiError<422, HTTPValidationError>;
  streamTokensJsonl: ApiError<422, HTTPValidationError>;
  getTree: ApiError<422, HTTPValidationError>;
  streamCsv: ApiError<422, HTTPValidationError>;
  positive: ApiError<422, HTTPValidationError>;
  echoTags: ApiError<422, HTTPValidationError>;
  getUnion: ApiError<422, HTTPValidationError>;
  uploadFile: ApiError<422, HTTPValidationError>;
  uploadFiles: ApiError<422, HTTPValidationError>;
  upsert: ApiError<422, HTTPValidationError>;
  whoami: ApiError<422, HTTPValidationError>;
}

/** Whether `error` is an `ApiError` from client method `operation` with a status its spec declares; narrows `status` and `body` to match. Undeclared statuses are plain `ApiError`s with an `unknown` body. */
export function isApiError<K extends keyof ClientErrors>(error: unknown, operation: K): error is ClientErrors[K] {
  return isDeclaredError(error, operation);
}

/** Argument of {@link Client.uploadBytes}. */
export interface UploadBytesRequest extends CallOptions {
  /** Sent as `multipart/form-data`: `Blob`/`File` values as files, arrays as repeated fields. */
  body: UploadBytesBody;
}

/** Argument of {@link Client.echoPath}. */
export interface EchoPathRequest extends CallOptions {
  /** Path parameters, percent-encoded into the URL. */
  path: paths["/echo/{text}"]["get"]["parameters"]["path"];
}

/** Argument of {@link Client.fail}. */
export interface FailRequest extends CallOptions {
  /** Path parameters, percent-encoded into the URL. */
  path: paths["/fail/{status}"]["get"]["parameters"]["path"];
}

/** Argument of {@link Client.readItem}. */
export interface ReadItemRequest extends CallOptions {
  /** Path parameters, percent-encoded into the URL. */
  path: paths["/items/{item_id}"]["get"]["parameters"]["path"];
  /** Query parameters; arrays repeat the key, `undefined` and `null` are left out. */
  query?: paths["/items/{item_id}"]["get"]["parameters"]["query"];
}

/** Argument of {@link Client.replaceItem}. */
export interface ReplaceItemRequest extends CallOptions {
  /** Path parameters, percent-encoded into the URL. */
  path: paths["/items/{item_id}"]["put"]["parameters"]["path"];
  /** Declared header parameters. Other headers go in `headers`. */
  header: paths["/items/{item_id}"]["put"]["parameters"]["header"];
  /** Sent as `application/json`. */
  body: ItemInput;
}

/** Argument of {@link Client.deleteItem}. */
export interface DeleteItemRequest extends CallOptions {
  /** Path parameters, percent-encoded into the URL. */
  path: paths["/items/{item_id}"]["delete"]["parameters"]["path"];
}

/** Argument of {@link Client.login}. */
export interface LoginRequest extends CallOptions {
  /** Sent as `application/x-www-form-urlencoded`; arrays repeat the key. */
  body: LoginBody;
}

/** Argument of {@link Client.postNote}. */
export interface PostNoteRequest extends CallOptions {
  /** Sent as is, with `Content-Type: text/plain`. */
  body: string;
}

/** Argument of {@link Client.listOrders}. */
export interface ListOrdersRequest extends CallOptions {
  /** Query parameters; arrays repeat the key, `undefined` and `null` are left out. */
  query?: paths["/orders"]["get"]["parameters"]["query"];
}

/** Argument of {@link Client.createOrder}. */
export interface CreateOrderRequest extends CallOptions {
  /** Sent as `application/json`. */
  body: OrderIn;
}

/** Argument of {@link Client.attachFile}. */
export interface AttachFileRequest extends CallOptions {
  /** Path parameters, percent-encoded into the URL. */
  path: paths["/orders/{order_id}/attachment"]["post"]["parameters"]["path"];
  /** Sent as `multipart/form-data`: `Blob`/`File` values as files, arrays as repeated fields. */
  body: AttachFileBody;
}

/** Argument of {@link Client.getPage}. */
export interface GetPageRequest extends CallOptions {
  /** Query parameters; arrays repeat the key, `undefined` and `null` are left out. */
  query?: paths["/page"]["get"]["parameters"]["query"];
}

/** Argument of {@link Client.createPet}. */
export interface CreatePetRequest extends CallOptions {
  /** Sent as `application/json`. */
  body: Cat | Dog;
}

/** Argument of {@link Client.getPet}. */
export interface GetPetRequest extends CallOptions {
  /** Path parameters, percent-encoded into the URL. */
  path: paths["/pets/{pet_id}"]["get"]["parameters"]["path"];
}

/** Argument of {@link Client.slow}. */
export interface SlowRequest extends CallOptions {
  /** Query parameters; arrays repeat the key, `undefined` and `null` are left out. */
  query?: paths["/slow"]["get"]["parameters"]["query"];
}

/** Argument of {@link Client.streamChat}. */
export interface StreamChatRequest extends SseCallOptions {
  /** Sent as `application/json`. */
  body: ChatRequest;
}

/** Argument of {@link Client.streamLegacy}. */
export interface StreamLegacyRequest extends SseCallOptions {
  /** Query parameters; arrays repeat the key, `undefined` and `null` are left out. */
  query?: paths["/stream/legacy"]["get"]["parameters"]["query"];
}

/** Argument of {@link Client.streamRaw}. */
export interface StreamRawRequest extends SseCallOptions {
  /** Query parameters; arrays repeat the key, `undefined` and `null` are left out. */
  query?: paths["/stream/raw"]["get"]["parameters"]["query"];
}

/** Argument of {@link Client.streamTokens}. */
export interface StreamTokensRequest extends SseCallOptions {
  /** Query parameters; arrays repeat the key, `undefined` and `null` are left out. */
  query?: paths["/stream/tokens"]["get"]["parameters"]["query"];
  /** Declared header parameters. Other headers go in `headers`. */
  header?: paths["/stream/tokens"]["get"]["parameters"]["header"];
}

/** Argument of {@link Client.streamTokensJsonl}. */
export interface StreamTokensJsonlRequest extends CallOptions {
  /** Query parameters; arrays repeat the key, `undefined` and `null` are left out. */
  query?: paths["/stream/tokens.jsonl"]["get"]["parameters"]["query"];
}

/** Argument of {@link Client.getTree}. */
export interface GetTreeRequest extends CallOptions {
  /** Query parameters; arrays repeat the key, `undefined` and `null` are left out. */
  query?: paths["/tree"]["get"]["parameters"]["query"];
}

/** Argument of {@link Client.streamCsv}. */
export interface StreamCsvRequest extends CallOptions {
  /** Query parameters; arrays repeat the key, `undefined` and `null` are left out. */
  query?: paths["/undeclared/csv"]["get"]["parameters"]["query"];
}

/** Argument of {@link Client.positive}. */
export interface PositiveRequest extends CallOptions {
  /** Query parameters; arrays repeat the key, `undefined` and `null` are left out. */
  query: paths["/undeclared/positive"]["get"]["parameters"]["query"];
}

/** Argument of {@link Client.echoTags}. */
export interface EchoTagsRequest extends CallOptions {
  /**
   * Declared header parameters. Other headers go in `headers`.
   *
   * A header the service reads as a list takes one value here: fetch joins repeated values into one `a, b` line, which FastAPI reads as a single item.
   */
  header?: paths["/undeclared/tags"]["get"]["parameters"]["header"];
}

/** Argument of {@link Client.getUnion}. */
export interface GetUnionRequest extends CallOptions {
  /** Query parameters; arrays repeat the key, `undefined` and `null` are left out. */
  query?: paths["/union"]["get"]["parameters"]["query"];
}

/** Argument of {@link Client.uploadFile}. */
export interface UploadFileRequest extends CallOptions {
  /** Sent as `multipart/form-data`: `Blob`/`File` values as files, arrays as repeated fields. */
  body: UploadFileBody;
}

/** Argument of {@link Client.uploadFiles}. */
export interface UploadFilesRequest extends CallOptions {
  /** Sent as `multipart/form-data`: `Blob`/`File` values as files, arrays as repeated fields. */
  body: UploadFilesBody;
}

/** Argument of {@link Client.upsert}. */
export interface UpsertRequest extends CallOptions {
  /** Path parameters, percent-encoded into the URL. */
  path: paths["/upsert/{key}"]["put"]["parameters"]["path"];
  /** Sent as `application/json`. */
  body: ItemInput;
}

/** Argument of {@link Client.whoami}. */
export interface WhoamiRequest extends CallOptions {
  /** Declared header parameters. Other headers go in `headers`. */
  header: paths["/whoami"]["get"]["parameters"]["header"];
  /** Sent as one `Cookie` header: works from servers and Node; browsers send their own cookies instead. */
  cookie?: paths["/whoami"]["get"]["parameters"]["cookie"];
}

/** Declared with an alias: `response_model_by_alias=False` makes the wire differ from the spec. */
export type Aliased = components["schemas"]["Aliased"];

/** Schema `Body_login_login_post` in the spec. */
export type LoginBody = components["schemas"]["Body_login_login_post"];

/** Schema `Body_orders-attach_file` in the spec. */
export type AttachFileBody = { file: Blob; caption?: string };

/** Schema `Body_upload_bytes_bytes_post` in the spec. */
export type UploadBytesBody = { data: Blob };

/** Schema `Body_upload_file_upload_post` in the spec. */
export type UploadFileBody = { file: Blob; note?: string | null };

/** Schema `Body_upload_files_upload_many_post` in the spec. */
export type UploadFilesBody = { files: Blob[]; labels?: string[] };

export type Cat = components["schemas"]["Cat"];
export type ChatChunk = components["schemas"]["ChatChunk"];
export type ChatRequest = components["schemas"]["ChatRequest"];
export type Color = components["schemas"]["Color"];
export type Dog = components["schemas"]["Dog"];
export type HTTPValidationError = components["schemas"]["HTTPValidationError"];

/**
 * Used as request and response: `price` (Decimal) and `total` (computed) split it into Item-Input / Item-Output.
 *
 * Schema `Item-Input` in the spec.
 */
export type ItemInput = components["schemas"]["Item-Input"];

/**
 * Used as request and response: `price` (Decimal) and `total` (computed) split it into Item-Input / Item-Output.
 *
 * Schema `Item-Output` in the spec.
 */
export type Item = components["schemas"]["Item-Output"];

export type Node = components["schemas"]["Node"];
export type NotFound = components["schemas"]["NotFound"];
export type Order = components["schemas"]["Order"];
export type OrderIn = components["schemas"]["OrderIn"];

/** Schema `Page_Item_` in the spec. */
export type PageItem = components["schemas"]["Page_Item_"];

export type StoredItem = components["schemas"]["StoredItem"];
export type Token = components["schemas"]["Token"];
export type Upload = components["schemas"]["Upload"];
export type ValidationError = components["schemas"]["ValidationError"];

/** Schema `app__m1__User` in the spec. */
export type M1User = components["schemas"]["app__m1__User"];

/** Schema `app__m2__User` in the spec. */
export type M2User = components["schemas"]["app__m2__User"];

// Item of Client.streamRaw, from the JSON Schema configured for its stream.
export interface StreamRawItem {
  index: number;
  text: string;
}

// Item of Client.streamLegacy, from the JSON Schema configured for its stream.
export type StreamLegacyItemColor = "red" | "green" | "blue";

/**
 * What the hand-written SSE route sends; the spec cannot say, the sync-types config can.
 */
export interface StreamLegacyItem {
  color?: StreamLegacyItemColor;
  token: StreamLegacyItemToken;
}
export interface StreamLegacyItemToken {
  index: number;
  text: string;
}
