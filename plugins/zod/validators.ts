/**
 * Per client method and declared status, the schemas a validating client checks: each JSON
 * body, and each stream item the spec types (SSE `data` with a JSON `contentSchema`, JSON Lines
 * `itemSchema`). Streams typed only by the config's `streams` option have no schema here.
 */
import { isJsonLinesMedia, isJsonMedia, isSseMedia, type MediaModel, type OperationModel, isJsonObject, type Json } from "../../src/codegen.js";

export interface OperationSchemas {
  /** Client method name. */
  name: string;
  /** Declared status (`200`, `4XX`, `default`) → its schemas, one per media type. */
  statuses: [status: string, schemas: Json[]][];
}

export function responseSchemas(operations: readonly OperationModel[]): OperationSchemas[] {
  return operations.flatMap((operation) => {
    const statuses = operation.responses
      .map((response): [string, Json[]] => [response.status, response.content.flatMap(checkedSchema)])
      .filter(([, schemas]) => schemas.length > 0);
    return statuses.length > 0 ? [{ name: operation.name, statuses }] : [];
  });
}

function checkedSchema(media: MediaModel): Json[] {
  if (isJsonMedia(media.mediaType)) return media.schema === undefined ? [] : [media.schema];
  if (isJsonLinesMedia(media.mediaType)) return media.itemSchema === undefined ? [] : [media.itemSchema];
  if (!isSseMedia(media.mediaType) || !isJsonObject(media.itemSchema)) return [];
  const properties = media.itemSchema["properties"];
  const data = isJsonObject(properties) ? properties["data"] : undefined;
  return isJsonObject(data) && data["contentSchema"] !== undefined ? [data["contentSchema"]] : [];
}
