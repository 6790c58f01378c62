/** A JSON Schema / OpenAPI 3.1 schema object, as plain JSON. */
export interface JsonSchemaObject {
  [key: string]: unknown;
}
