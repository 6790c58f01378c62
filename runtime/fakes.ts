// Runtime of the fakes sync-types generates (fakes.gen.ts embeds runtime/fake-formats.ts, this
// file without its import of it, then its data): routing as Starlette does, request validation
// with FastAPI's 422 body, and answers as FastAPI sends them, SSE and JSON Lines included. Like the
// client runtime it needs only fetch, Request, Response, ReadableStream and TextEncoder.
import { FORMAT_CHECKS } from "./fake-formats.js";

/** A JSON Schema object, as embedded below. */
type Schema = { readonly [keyword: string]: unknown };

/** One entry of FastAPI's 422 "detail" list. */
interface Problem {
  type: string;
  loc: (string | number)[];
  msg: string;
  input: unknown;
  ctx?: Record<string, unknown>;
}

/** The same $ref this deep ends validation: a hostile spec's cycle must not recurse forever. */
const MAX_VALIDATION_DEPTH = 64;

/** Percent-decoded text, or the text as it is when it holds a stray "%". */
function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** object[key] = value as an own property, even for "__proto__", which plain assignment turns into the prototype. */
function setOwn(object: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isSchema(value: unknown): value is Schema {
  return isRecord(value);
}

/** Python's repr of a value in messages: 'text', 1, True. */
function pythonRepr(value: unknown): string {
  if (typeof value === "string") return "'" + value.replace(/\\/g, "\\\\").replace(/'/g, "\\'") + "'";
  if (value === true) return "True";
  if (value === false) return "False";
  if (value === null) return "None";
  return String(value);
}

/** 'a', 'b' or 'c', as Pydantic lists expected values. */
function expectedList(values: readonly unknown[]): string {
  const shown = values.map(pythonRepr);
  return shown.length <= 1 ? shown.join("") : shown.slice(0, -1).join(", ") + " or " + shown[shown.length - 1];
}

const BOOLEAN_STRINGS = new Map<string, boolean>([
  ["true", true], ["t", true], ["yes", true], ["y", true], ["on", true], ["1", true],
  ["false", false], ["f", false], ["no", false], ["n", false], ["off", false], ["0", false],
]);

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

class Validator {
  readonly problems: Problem[] = [];
  readonly schemas: Readonly<Record<string, unknown>>;

  constructor(schemas: Readonly<Record<string, unknown>>) {
    this.schemas = schemas;
  }

  report(type: string, loc: (string | number)[], msg: string, input: unknown, ctx?: Record<string, unknown>): undefined {
    this.problems.push(ctx === undefined ? { type, loc, msg, input } : { type, loc, msg, input, ctx });
    return undefined;
  }

  /** The component a "#/components/schemas/Name" reference names. */
  target(ref: string): { name: string; schema: Schema } | undefined {
    const match = /^#\/components\/schemas\/(.+)$/.exec(ref);
    if (!match) return undefined;
    const name = safeDecode(match[1]!.replace(/~1/g, "/").replace(/~0/g, "~"));
    const schema = Object.hasOwn(this.schemas, name) ? this.schemas[name] : undefined;
    return isSchema(schema) ? { name, schema } : undefined;
  }

  /** The value as the app would see it once validated, or undefined after reporting why not. */
  check(raw: unknown, value: unknown, loc: (string | number)[], depth = 0, model?: string): unknown {
    if (!isSchema(raw) || depth > MAX_VALIDATION_DEPTH) return value;
    if (typeof raw["$ref"] === "string") {
      const target = this.target(raw["$ref"]);
      return target ? this.check(target.schema, value, loc, depth + 1, target.name) : value;
    }
    const schema = raw;
    if ("const" in schema) {
      return value === schema["const"] ? value : this.report("literal_error", loc, "Input should be " + pythonRepr(schema["const"]), value, { expected: pythonRepr(schema["const"]) });
    }
    // A Python Enum class is a titled component; a named `Literal` alias (TypeAliasType) is untitled and fails as a literal.
    if (Array.isArray(schema["enum"])) return this.checkEnum(schema["enum"], value, loc, model !== undefined && typeof schema["title"] === "string");
    const variants = Array.isArray(schema["anyOf"]) ? schema["anyOf"] : Array.isArray(schema["oneOf"]) ? schema["oneOf"] : undefined;
    if (variants) return this.checkUnion(schema, variants, value, loc, depth);
    if (Array.isArray(schema["allOf"])) {
      let result = value;
      for (const part of schema["allOf"]) result = this.check(part, result, loc, depth + 1);
      return result;
    }
    const type = Array.isArray(schema["type"]) ? schema["type"].find((t) => t !== "null") : schema["type"];
    if (Array.isArray(schema["type"]) && schema["type"].includes("null") && value === null) return null;
    switch (type) {
      case "string":
        return this.checkString(schema, value, loc);
      case "integer":
        return this.checkNumber(schema, value, loc, true);
      case "number":
        return this.checkNumber(schema, value, loc, false);
      case "boolean":
        return this.checkBoolean(value, loc);
      case "null":
        return value === null ? null : this.report("none_required", loc, "Input should be None", value);
      case "array":
        return this.checkArray(schema, value, loc, depth);
      case "object":
        return this.checkObject(schema, value, loc, depth, model);
      default:
        return value;
    }
  }

  checkEnum(values: readonly unknown[], value: unknown, loc: (string | number)[], named: boolean): unknown {
    // Query and path values arrive as text: an integer member matches its digits.
    const found = values.find((member) => member === value || (typeof value === "string" && typeof member === "number" && String(member) === value));
    if (found !== undefined || (value === null && values.includes(null))) return found ?? null;
    const expected = expectedList(values);
    return this.report(named ? "enum" : "literal_error", loc, "Input should be " + expected, value, { expected });
  }

  checkUnion(schema: Schema, variants: readonly unknown[], value: unknown, loc: (string | number)[], depth: number): unknown {
    const nullable = variants.some((v) => isSchema(v) && v["type"] === "null");
    const options = variants.filter((v) => !(isSchema(v) && v["type"] === "null"));
    if (value === null && nullable) return null;
    const discriminator = isSchema(schema["discriminator"]) ? schema["discriminator"] : undefined;
    if (discriminator && typeof discriminator["propertyName"] === "string") return this.checkTagged(discriminator, options, value, loc, depth);
    if (options.length === 1) return this.check(options[0], value, loc, depth + 1);
    const decimal = decimalOf(options);
    if (decimal) return this.checkDecimal(decimal, value, loc);
    const attempts: Problem[][] = [];
    for (const option of options) {
      const inner = new Validator(this.schemas);
      const result = inner.check(option, value, [], depth + 1);
      if (inner.problems.length === 0) return result;
      attempts.push(inner.problems.map((problem) => ({ ...problem, loc: [...loc, this.tag(option), ...problem.loc] })));
    }
    this.problems.push(...attempts.flat());
    return undefined;
  }

  checkTagged(discriminator: Schema, options: readonly unknown[], value: unknown, loc: (string | number)[], depth: number): unknown {
    const property = discriminator["propertyName"] as string;
    const mapping = isSchema(discriminator["mapping"]) ? discriminator["mapping"] : {};
    const tags = Object.keys(mapping);
    const shown = "'" + property + "'";
    if (!isRecord(value) || !Object.hasOwn(value, property)) {
      if (!isRecord(value)) return this.report("model_attributes_type", loc, "Input should be a valid dictionary or object to extract fields from", value);
      return this.report("union_tag_not_found", loc, "Unable to extract tag using discriminator " + shown, value, { discriminator: shown });
    }
    const tag = value[property];
    const ref = typeof tag === "string" && Object.hasOwn(mapping, tag) ? mapping[tag] : undefined;
    const option = options.find((o) => isSchema(o) && o["$ref"] === ref);
    if (ref === undefined || option === undefined) {
      const expected = tags.map((t) => "'" + t + "'").join(", ");
      return this.report("union_tag_invalid", loc, "Input tag '" + String(tag) + "' found using " + shown + " does not match any of the expected tags: " + expected, value, { discriminator: shown, tag: String(tag), expected_tags: expected });
    }
    return this.check(option, value, [...loc, tag as string], depth + 1);
  }

  /** How Pydantic names a union member in loc: the model's name, or the Python type. */
  tag(option: unknown): string {
    if (!isSchema(option)) return "any";
    if (typeof option["$ref"] === "string") return this.target(option["$ref"])?.name ?? "any";
    const names: Record<string, string> = { string: "str", integer: "int", number: "float", boolean: "bool", null: "none" };
    const type = option["type"];
    if (type === "array" && isTuple(option)) {
      const positions = Array.isArray(option["prefixItems"]) ? option["prefixItems"] : [];
      return "tuple[" + positions.map((position) => this.tag(position)).join(", ") + "]";
    }
    if (type === "array") return "list[" + this.tag(option["items"]) + "]";
    if (type === "string" && typeof option["format"] === "string" && Object.hasOwn(FORMAT_TAGS, option["format"])) return FORMAT_TAGS[option["format"]]!;
    if (type === "object") return "dict[str," + this.tag(option["additionalProperties"]) + "]";
    if ("const" in option || Array.isArray(option["enum"])) return "literal[" + (Array.isArray(option["enum"]) ? option["enum"] : [option["const"]]).map(pythonRepr).join(",") + "]";
    return typeof type === "string" ? (names[type] ?? type) : "any";
  }

  checkString(schema: Schema, value: unknown, loc: (string | number)[]): unknown {
    if (typeof schema["contentMediaType"] === "string" || schema["format"] === "binary") {
      // An upload: a file part, or its text when sent as a plain field.
      if (value instanceof Blob || typeof value === "string") return value;
      return this.report("value_error", loc, "Value error, Expected UploadFile, received: " + typeof value, value);
    }
    const format = schema["format"];
    const formatCheck = typeof format === "string" && Object.hasOwn(FORMAT_CHECKS, format) ? FORMAT_CHECKS[format] : undefined;
    if (formatCheck) {
      // The field is a UUID, date or datetime: Pydantic parses it, and takes numbers for dates.
      const problem = formatCheck(value);
      return problem ? this.report(problem.type, loc, problem.msg, value, problem.ctx) : value;
    }
    if (typeof value !== "string") return this.report("string_type", loc, "Input should be a valid string", value);
    const length = [...value].length;
    const min = schema["minLength"];
    const max = schema["maxLength"];
    if (typeof min === "number" && length < min) {
      return this.report("string_too_short", loc, "String should have at least " + min + " character" + (min === 1 ? "" : "s"), value, { min_length: min });
    }
    if (typeof max === "number" && length > max) {
      return this.report("string_too_long", loc, "String should have at most " + max + " character" + (max === 1 ? "" : "s"), value, { max_length: max });
    }
    const pattern = schema["pattern"];
    if (typeof pattern === "string" && !matches(pattern, value)) {
      return this.report("string_pattern_mismatch", loc, "String should match pattern '" + pattern + "'", value, { pattern });
    }
    if (format === "email" && !EMAIL.test(value)) return this.report("value_error", loc, "value is not a valid email address", value);
    return value;
  }

  checkNumber(schema: Schema, value: unknown, loc: (string | number)[], integer: boolean): unknown {
    const kind = integer ? "int" : "float";
    const what = integer ? "a valid integer" : "a valid number";
    let number: number;
    if (typeof value === "number") number = value;
    else if (typeof value === "boolean") number = value ? 1 : 0;
    else if (typeof value === "string") {
      const text = value.trim().replace(/(\d)_(?=\d)/g, "$1");
      number = /^[+-]?(?:\d+\.?\d*(?:e[+-]?\d+)?|\.\d+(?:e[+-]?\d+)?)$/i.test(text) ? Number(text) : Number.NaN;
      if (!integer && /^[+-]?(?:inf|infinity|nan)$/i.test(text)) number = text.toLowerCase().includes("nan") ? Number.NaN : text.startsWith("-") ? -Infinity : Infinity;
      else if (Number.isNaN(number) || (integer && !Number.isInteger(number))) {
        return this.report(kind + "_parsing", loc, "Input should be " + what + ", unable to parse string as " + (integer ? "an integer" : "a number"), value);
      }
    } else return this.report(kind + "_type", loc, "Input should be " + what, value);
    if (integer && !Number.isInteger(number)) return this.report("int_from_float", loc, "Input should be a valid integer, got a number with a fractional part", value);
    const bound = (keyword: string, type: string, word: string, key: string, fails: (limit: number) => boolean): boolean => {
      const limit = schema[keyword];
      if (typeof limit !== "number" || !fails(limit)) return false;
      this.report(type, loc, "Input should be " + word + " " + limit, value, { [key]: limit });
      return true;
    };
    if (bound("exclusiveMinimum", "greater_than", "greater than", "gt", (l) => !(number > l))) return undefined;
    if (bound("minimum", "greater_than_equal", "greater than or equal to", "ge", (l) => !(number >= l))) return undefined;
    if (bound("exclusiveMaximum", "less_than", "less than", "lt", (l) => !(number < l))) return undefined;
    if (bound("maximum", "less_than_equal", "less than or equal to", "le", (l) => !(number <= l))) return undefined;
    const multiple = schema["multipleOf"];
    if (typeof multiple === "number" && multiple > 0 && Math.abs(number / multiple - Math.round(number / multiple)) > 1e-9) {
      return this.report("multiple_of", loc, "Input should be a multiple of " + multiple, value, { multiple_of: multiple });
    }
    return number;
  }

  /** A Decimal field, which FastAPI's input schema shows as anyOf [number, string]: one value, Pydantic's decimal errors. */
  checkDecimal(schema: Schema, value: unknown, loc: (string | number)[]): unknown {
    const text = typeof value === "string" ? value.trim() : undefined;
    if (typeof value !== "number" && (text === undefined || !/^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i.test(text))) {
      return typeof value === "string"
        ? this.report("decimal_parsing", loc, "Input should be a valid decimal", value)
        : this.report("decimal_type", loc, "Decimal input should be an integer, float, string or Decimal object", value);
    }
    const checked = this.checkNumber(schema, typeof value === "number" ? value : Number(text), loc, false);
    const last = this.problems[this.problems.length - 1];
    // The bound errors of a Decimal show the input as given.
    if (checked === undefined && last !== undefined) last.input = value;
    return checked === undefined ? undefined : value;
  }

  checkBoolean(value: unknown, loc: (string | number)[]): unknown {
    if (typeof value === "boolean") return value;
    if (value === 0 || value === 1) return value === 1;
    if (typeof value === "string" || typeof value === "number") {
      const parsed = BOOLEAN_STRINGS.get(String(value).trim().toLowerCase());
      return parsed ?? this.report("bool_parsing", loc, "Input should be a valid boolean, unable to interpret input", value);
    }
    return this.report("bool_type", loc, "Input should be a valid boolean", value);
  }

  checkArray(schema: Schema, value: unknown, loc: (string | number)[], depth: number): unknown {
    if (isTuple(schema)) return this.checkTuple(schema, value, loc, depth);
    if (!Array.isArray(value)) return this.report("list_type", loc, "Input should be a valid list", value);
    const out = value.map((item, index) => this.check(schema["items"], item, [...loc, index], depth + 1));
    const min = schema["minItems"];
    const max = schema["maxItems"];
    const plural = (n: number) => n + " item" + (n === 1 ? "" : "s");
    if (typeof min === "number" && value.length < min) {
      return this.report("too_short", loc, "List should have at least " + plural(min) + " after validation, not " + value.length, value, { field_type: "List", min_length: min, actual_length: value.length });
    }
    if (typeof max === "number" && value.length > max) {
      return this.report("too_long", loc, "List should have at most " + plural(max) + " after validation, not " + value.length, value, { field_type: "List", max_length: max, actual_length: value.length });
    }
    return out;
  }

  /** A `tuple[...]`: too many items is the one error; else each position by its own schema, a missing one "missing". */
  checkTuple(schema: Schema, value: unknown, loc: (string | number)[], depth: number): unknown {
    if (!Array.isArray(value)) return this.report("tuple_type", loc, "Input should be a valid tuple", value);
    const positions = Array.isArray(schema["prefixItems"]) ? schema["prefixItems"] : [];
    const rest = isSchema(schema["items"]) ? schema["items"] : undefined;
    const max = typeof schema["maxItems"] === "number" ? schema["maxItems"] : positions.length;
    if (rest === undefined && value.length > max) {
      const items = max + " item" + (max === 1 ? "" : "s");
      return this.report("too_long", loc, "Tuple should have at most " + items + " after validation, not " + value.length, value, { field_type: "Tuple", max_length: max, actual_length: value.length });
    }
    const out: unknown[] = [];
    for (let index = 0; index < Math.max(positions.length, value.length); index += 1) {
      if (index >= value.length) this.report("missing", [...loc, index], "Field required", value);
      else out.push(this.check(index < positions.length ? positions[index] : rest, value[index], [...loc, index], depth + 1));
    }
    return out;
  }

  checkObject(schema: Schema, value: unknown, loc: (string | number)[], depth: number, model: string | undefined): unknown {
    const properties = isSchema(schema["properties"]) ? schema["properties"] : {};
    if (!isRecord(value)) {
      return model !== undefined || Object.keys(properties).length > 0
        ? this.report("model_attributes_type", loc, "Input should be a valid dictionary or object to extract fields from", value)
        : this.report("dict_type", loc, "Input should be a valid dictionary", value);
    }
    const required = Array.isArray(schema["required"]) ? schema["required"] : [];
    const out: Record<string, unknown> = {};
    for (const name of Object.keys(properties)) {
      if (!Object.hasOwn(value, name)) {
        if (required.includes(name)) this.report("missing", [...loc, name], "Field required", value);
        continue;
      }
      setOwn(out, name, this.check(properties[name], value[name], [...loc, name], depth + 1));
    }
    const extra = schema["additionalProperties"];
    for (const name of Object.keys(value)) {
      if (Object.hasOwn(properties, name)) continue;
      if (extra === false) this.report("extra_forbidden", [...loc, name], "Extra inputs are not permitted", value[name]);
      else setOwn(out, name, isSchema(extra) ? this.check(extra, value[name], [...loc, name], depth + 1) : value[name]);
    }
    return out;
  }
}

/**
 * Whether an array schema is a Python tuple: `prefixItems` (tuple[int, str]), or no `items` and
 * room for none (tuple[()]); a list always has `items`, and tuple[int, ...] is a list's schema.
 */
function isTuple(schema: Schema): boolean {
  return Array.isArray(schema["prefixItems"]) || (!("items" in schema) && schema["maxItems"] === 0);
}

/** How Pydantic names a union member of a string format's Python type in loc. */
const FORMAT_TAGS: Readonly<Record<string, string>> = { uuid: "uuid", date: "date", "date-time": "datetime" };

/** The number schema of a Decimal input (anyOf [number, string] with nothing else), or undefined. */
function decimalOf(options: readonly unknown[]): Schema | undefined {
  if (options.length !== 2 || !options.every(isSchema)) return undefined;
  const number = options.find((o) => isSchema(o) && o["type"] === "number");
  const text = options.find((o) => isSchema(o) && o["type"] === "string");
  return isSchema(number) && isSchema(text) ? number : undefined;
}

/** Python's re.search, as far as a JavaScript RegExp can tell; a pattern it cannot read never rejects. */
function matches(pattern: string, value: string): boolean {
  try {
    return new RegExp(pattern, "u").test(value);
  } catch {
    return true;
  }
}

export interface FakeParam {
  readonly name: string;
  readonly in: "path" | "query" | "header" | "cookie";
  readonly required: boolean;
  readonly schema: unknown;
}

/** What an operation answers when no override does: data and status computed from the spec at generation time. */
export type FakeAnswer =
  | { readonly kind: "empty"; readonly status: number }
  | { readonly kind: "json" | "text"; readonly status: number; readonly mediaType: string; readonly body: unknown }
  | { readonly kind: "sse"; readonly status: number; readonly data: "json" | "text"; readonly events: readonly unknown[] }
  | { readonly kind: "jsonl"; readonly status: number; readonly events: readonly unknown[] };

export interface FakeOperation {
  readonly name: string;
  readonly method: string;
  readonly path: string;
  readonly params: readonly FakeParam[];
  readonly body?: { readonly mediaType: string; readonly required: boolean; readonly schema: unknown };
  /** Error statuses the spec declares: "404", "4XX", "default". */
  readonly errors: readonly string[];
  readonly answer: FakeAnswer;
}

export interface FakeSpec {
  readonly operations: readonly FakeOperation[];
  /** The component schemas the requests use, for $ref. */
  readonly schemas: Readonly<Record<string, unknown>>;
}

/** What a resolver is given, whatever the operation. */
interface ResolverInput {
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  header: Record<string, unknown>;
  cookie: Record<string, unknown>;
  body: unknown;
  headers: Headers;
  request: Request;
}

/** A fetch-compatible function: pass it as the client's fetch option. */
export type FakeFetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** An SSE event as an override gives it: the payload, and the optional fields FastAPI's ServerSentEvent has. */
export interface FakeSseEvent<T> {
  data: T;
  event?: string;
  id?: string;
  retry?: number;
  comment?: string;
}

export interface Route {
  readonly operation: FakeOperation;
  readonly pattern: RegExp;
  readonly names: readonly string[];
}

function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
}

/** Starlette's path matching: {name} is one segment, {name:path} the rest. */
function routeOf(operation: FakeOperation): Route {
  const names: string[] = [];
  const source = operation.path.replace(/\{([^{}:]+)(?::([a-z]+))?\}|[^{]+|\{/g, (whole: string, name: string | undefined, convertor: string | undefined) => {
    if (name === undefined) return whole.replace(/[.*+?^$()|[\]\\\/{}]/g, "\\$&");
    names.push(name);
    return convertor === "path" ? "(.*)" : "([^/]+)";
  });
  return { operation, pattern: new RegExp("^" + source + "$"), names };
}

function isList(schema: unknown, schemas: Readonly<Record<string, unknown>>): boolean {
  if (!isSchema(schema)) return false;
  if (typeof schema["$ref"] === "string") return isList(new Validator(schemas).target(schema["$ref"])?.schema, schemas);
  if (schema["type"] === "array") return true;
  return Array.isArray(schema["anyOf"]) && schema["anyOf"].some((option) => isList(option, schemas));
}

function cookiesOf(header: string | null): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const at = part.indexOf("=");
    if (at > 0) cookies.set(part.slice(0, at).trim(), safeDecode(part.slice(at + 1).trim()));
  }
  return cookies;
}

/** The parameters as the app sees them, each validated; absent optional ones are left out. */
function readParams(spec: FakeSpec, operation: FakeOperation, route: Route, match: RegExpExecArray, url: URL, request: Request, validator: Validator): Pick<ResolverInput, "path" | "query" | "header" | "cookie"> {
  const parts: Pick<ResolverInput, "path" | "query" | "header" | "cookie"> = { path: {}, query: {}, header: {}, cookie: {} };
  const cookies = cookiesOf(request.headers.get("cookie"));
  for (const location of ["path", "query", "header", "cookie"] as const) {
    for (const param of operation.params) {
      if (param.in !== location) continue;
      let raw: unknown;
      if (location === "path") {
        const index = route.names.indexOf(param.name);
        raw = index === -1 ? undefined : safeDecode(match[index + 1]!);
      } else if (location === "query") {
        const all = url.searchParams.getAll(param.name);
        raw = isList(param.schema, spec.schemas) ? (all.length > 0 ? all : undefined) : all[all.length - 1];
      } else if (location === "header") {
        const value = request.headers.get(param.name);
        raw = value === null ? undefined : isList(param.schema, spec.schemas) ? [value] : value;
      } else raw = cookies.get(param.name);
      if (raw === undefined) {
        if (param.required) validator.report("missing", [location, param.name], "Field required", null);
        continue;
      }
      setOwn(parts[location], param.name, validator.check(param.schema, raw, [location, param.name]));
    }
  }
  return parts;
}

/** The request body as the app sees it: JSON parsed, or a form as an object (a list field takes every value, others the last). */
async function readBody(spec: FakeSpec, operation: FakeOperation, request: Request, validator: Validator): Promise<unknown> {
  const body = operation.body;
  if (body === undefined) return undefined;
  const form = /^(?:multipart\/form-data|application\/x-www-form-urlencoded)/i.test(body.mediaType);
  if (form) {
    const fields: Record<string, unknown> = {};
    const data = request.body === null ? new FormData() : await request.formData().catch(() => new FormData());
    const target = isSchema(body.schema) && typeof body.schema["$ref"] === "string" ? validator.target(body.schema["$ref"])?.schema : body.schema;
    const properties = isSchema(target) && isSchema(target["properties"]) ? target["properties"] : {};
    // forEach rather than keys(): FormData's iterators need the DOM.Iterable lib, which not every project has.
    const names = new Set<string>();
    data.forEach((_value, name) => void names.add(name));
    for (const name of names) {
      const values = data.getAll(name);
      setOwn(fields, name, isList(properties[name], spec.schemas) ? values : values[values.length - 1]);
    }
    if (Object.keys(fields).length === 0 && body.required && Object.keys(properties).length === 0) {
      return validator.report("missing", ["body"], "Field required", null);
    }
    return validator.check(body.schema, fields, ["body"]);
  }
  const text = await request.text();
  if (text === "") return body.required ? validator.report("missing", ["body"], "Field required", null) : undefined;
  if (!/json/i.test(body.mediaType)) return validator.check(body.schema, text, ["body"]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return validator.report("json_invalid", ["body", jsonErrorPosition(text, error)], "JSON decode error", {}, { error: "Expecting value" });
  }
  return validator.check(body.schema, parsed, ["body"]);
}

/** Where JSON.parse gave up, as Python's json module counts it (characters from the start). */
function jsonErrorPosition(text: string, error: unknown): number {
  const message = error instanceof Error ? error.message : "";
  const position = /position (\d+)/.exec(message);
  if (position) return Number(position[1]);
  const line = /line (\d+) column (\d+)/.exec(message);
  if (line) return text.split("\n").slice(0, Number(line[1]) - 1).reduce((sum, l) => sum + l.length + 1, 0) + Number(line[2]) - 1;
  return text.length;
}

/** A declared error an override returned as { status, body }. */
function declaredError(operation: FakeOperation, result: unknown): { status: number; body: unknown } | undefined {
  if (!isRecord(result) || typeof result["status"] !== "number") return undefined;
  if (Object.keys(result).some((key) => key !== "status" && key !== "body")) return undefined;
  const status = result["status"];
  const declared = operation.errors.some((e) => e === String(status) || (/^\dXX$/.test(e) && e[0] === String(status)[0]) || (e === "default" && status >= 400));
  return declared ? { status, body: result["body"] } : undefined;
}

/** FastAPI's fastapi.sse format_sse_event: comment, event, data, id, retry, then a blank line. */
function sseText(event: FakeSseEvent<unknown>, data: "json" | "text"): string {
  const lines: string[] = [];
  const split = (text: string) => text.replace(/\r\n?/g, "\n").split("\n");
  if (event.comment !== undefined) for (const line of split(event.comment)) lines.push(": " + line);
  if (event.event !== undefined) lines.push("event: " + event.event);
  const payload = data === "json" ? JSON.stringify(event.data) : String(event.data);
  for (const line of split(payload)) lines.push("data: " + line);
  if (event.id !== undefined) lines.push("id: " + event.id);
  if (event.retry !== undefined) lines.push("retry: " + event.retry);
  return lines.join("\n") + "\n\n";
}

/** A body that pulls one item at a time from items; cancelling it (the client leaving its loop) stops the source. */
function streamBody(items: Iterable<unknown> | AsyncIterable<unknown>, encode: (item: unknown) => string): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let iterator: AsyncIterator<unknown> | Iterator<unknown> | undefined;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      iterator ??= Symbol.asyncIterator in items ? items[Symbol.asyncIterator]() : items[Symbol.iterator]();
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(encode(next.value)));
    },
    async cancel() {
      await iterator?.return?.();
    },
  });
}

function isIterable(value: unknown): value is Iterable<unknown> | AsyncIterable<unknown> {
  return typeof value === "object" && value !== null && (Symbol.iterator in value || Symbol.asyncIterator in value);
}

function answerWith(operation: FakeOperation, result: unknown, overridden: boolean): Response {
  if (result instanceof Response) return result;
  const error = overridden ? declaredError(operation, result) : undefined;
  if (error) return error.body === undefined ? new Response(null, { status: error.status }) : jsonResponse(error.status, error.body);
  const answer = operation.answer;
  const value = overridden ? result : undefined;
  switch (answer.kind) {
    case "empty":
      return new Response(null, { status: answer.status });
    case "json":
      return new Response(JSON.stringify(overridden ? (value ?? null) : answer.body), { status: answer.status, headers: { "content-type": answer.mediaType } });
    case "text":
      return new Response(String(overridden ? value : answer.body), { status: answer.status, headers: { "content-type": answer.mediaType } });
    case "sse": {
      const events = overridden && isIterable(value) ? value : answer.events.map((data) => ({ data }));
      const body = streamBody(events, (event) => sseText(isRecord(event) ? (event as unknown as FakeSseEvent<unknown>) : { data: event }, answer.data));
      return new Response(body, { status: answer.status, headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache" } });
    }
    case "jsonl": {
      const items = overridden && isIterable(value) ? value : answer.events;
      return new Response(streamBody(items, (item) => JSON.stringify(item) + "\n"), { status: answer.status, headers: { "content-type": "application/jsonl" } });
    }
  }
}

/** The routes of spec, the ones with fewer parameters first: a fixed path wins over a template that also matches it. */
export function routesOf(spec: FakeSpec): Route[] {
  return spec.operations.map(routeOf).sort((a, b) => a.names.length - b.names.length);
}

/** The route a request reaches, or FastAPI's 404 or 405 when none does. */
function findRoute(routes: readonly Route[], method: string, pathname: string): Route | Response {
  const matching = routes.filter((route) => route.pattern.test(pathname));
  if (matching.length === 0) return jsonResponse(404, { detail: "Not Found" });
  const route = matching.find((candidate) => candidate.operation.method === method);
  if (route !== undefined) return route;
  const allow = [...new Set(matching.map((candidate) => candidate.operation.method))].join(", ");
  return jsonResponse(405, { detail: "Method Not Allowed" }, { allow });
}

/** Which operation a request reaches, by its client method name: what a handler for one operation answers. */
export function operationOf(routes: readonly Route[], request: Request): string | undefined {
  const route = findRoute(routes, request.method, new URL(request.url).pathname);
  return route instanceof Response ? undefined : route.operation.name;
}

/** The fetch function over spec: overrides by client method name, each called with the validated request. */
export function createFake(spec: FakeSpec, overrides: object): FakeFetch {
  const routes = routesOf(spec);
  return async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const route = findRoute(routes, request.method, url.pathname);
    if (route instanceof Response) return route;
    const operation = route.operation;
    const validator = new Validator(spec.schemas);
    const params = readParams(spec, operation, route, route.pattern.exec(url.pathname)!, url, request, validator);
    const body = await readBody(spec, operation, request, validator);
    if (validator.problems.length > 0) return jsonResponse(422, { detail: validator.problems });
    const resolver: unknown = Object.hasOwn(overrides, operation.name) ? (overrides as Record<string, unknown>)[operation.name] : undefined;
    if (typeof resolver !== "function") return answerWith(operation, undefined, false);
    const result: unknown = await resolver({ ...params, body, headers: request.headers, request });
    return answerWith(operation, result, true);
  };
}
