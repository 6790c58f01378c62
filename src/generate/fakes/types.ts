/**
 * The override types of fakes.gen.ts, the same text for every service: every type is derived
 * from client.gen.ts (`ClientMethods`, `ClientErrors`), so a resolver's argument and result follow the
 * client's own types, and a wrong field, enum value or method name fails to compile.
 */
export const OVERRIDE_TYPES: string = `/** The request of client method K as the app sees it once validated: its parameters by location, its body, and the raw request. */
export type FakeRequest<K extends keyof ClientMethods> = Pick<NonNullable<Parameters<ClientMethods[K]>[0]>, Extract<keyof NonNullable<Parameters<ClientMethods[K]>[0]>, "path" | "query" | "header" | "cookie" | "body">> & {
  readonly headers: Headers;
  readonly request: Request;
};

/** Items an override streams: an array, or any (async) iterable such as an async generator. */
export type FakeItems<T> = readonly T[] | Iterable<T> | AsyncIterable<T>;

/** What client method K resolves with, as an override gives it: the body, SSE events or JSON Lines items. */
export type FakeSuccess<K extends keyof ClientMethods> = ReturnType<ClientMethods[K]> extends SseStream<infer T>
  ? FakeItems<FakeSseEvent<T>>
  : ReturnType<ClientMethods[K]> extends AsyncIterable<infer T>
    ? FakeItems<T>
    : Awaited<ReturnType<ClientMethods[K]>>;

/** An error response the spec declares for client method K, as { status, body }. */
export type FakeError<K extends keyof ClientMethods> = K extends keyof ClientErrors ? FakeErrorOf<ClientErrors[K]> : never;
type FakeErrorOf<E> = E extends ApiError<infer S, infer B> ? (undefined extends B ? { readonly status: S; readonly body?: B } : { readonly status: S; readonly body: B }) : never;

/** What a resolver may return: the success body or stream items, a declared error, or any Response. */
export type FakeResult<K extends keyof ClientMethods> = FakeSuccess<K> | FakeError<K> | Response;

/** A resolver for client method K. */
export type FakeResolver<K extends keyof ClientMethods> = (request: FakeRequest<K>) => FakeResult<K> | Promise<FakeResult<K>>;

/** Resolvers by client method name; methods without one answer with their default data. */
export type FakeOverrides = { readonly [K in keyof ClientMethods]?: FakeResolver<K> };

/** The client methods of the fake, and the one a request reaches (undefined when FastAPI would answer 404 or 405). */
export interface FakeRouting {
  readonly names: readonly (keyof FakeOverrides)[];
  operationOf(request: Request): keyof FakeOverrides | undefined;
}
`;
