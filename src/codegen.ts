/**
 * The API for plugins that generate code from a service's spec (`sync-types/codegen`): the same
 * operation model, model names and escaping the generated client uses, so a plugin's output
 * (the zod schemas, say) names and types everything exactly as `client.gen.ts` does.
 */
export { codeUnitOrder, NameRegistry } from "./generate/client/identifiers.js";
export { isJsonLinesMedia, isJsonMedia, isSseMedia } from "./generate/client/media-types.js";
export { nameModels, RESERVED_TYPE_NAMES } from "./generate/client/models.js";
export { collectOperations, type MediaModel, type OperationModel } from "./generate/client/operations.js";
export { componentKey } from "./generate/client/refs.js";
export { stringLiteral } from "./generate/text.js";
export { isJsonObject, type Json, type JsonObject, type OpenApiDocument } from "./spec/types.js";
