/**
 * client.gen.ts, printed in one pass by ts-morph's CodeBlockWriter through writer functions.
 * Nothing is parsed back: on a 400-resource spec, creating a ts-morph source file from
 * structures would parse ~2 MB of output only to print it again, and cost twice the time of
 * everything else. Reading order of the output: imports, the Client interface (what callers
 * use), createClient, typed errors, request and response types, the named models, then item
 * types of configured streams.
 */
import { createRequire } from "node:module";
import type { CodeBlockWriter as Writer } from "ts-morph";
import type { ClientPlan, ModelPlan, OperationPlan } from "./plan.js";
import { schemeDocs, type SchemeModel } from "./security.js";
import { docText, stringLiteral } from "../text.js";
import { codeUnitOrder, identifier, memberName } from "./identifiers.js";

/**
 * ts-morph's writer, taken from the package ts-morph itself loads it from: ts-morph's entry
 * would also load its own copy of the TypeScript compiler, which printing never uses.
 */
const fromTsMorph = createRequire(createRequire(import.meta.url).resolve("ts-morph"));
const CodeBlockWriter = (fromTsMorph("code-block-writer") as { default: typeof Writer }).default;
type CodeBlockWriter = Writer;

const TYPES = "./types.gen.js";

type Emit = (writer: CodeBlockWriter) => void;
/** A declaration, and whether it may follow another compact one without a blank line. */
type Declaration = { emit: Emit; compact?: boolean };

/** `runtime`: the module specifier of the runtime, `./runtime.gen.js` beside the client or a shared one. */
export function emitClient(plan: ClientPlan, runtime: string): string {
  const writer = new CodeBlockWriter({ indentNumberOfSpaces: 2, newLine: "\n", useSingleQuote: false });
  const declarations: Declaration[] = [
    imports(plan, runtime),
    clientInterface(plan.operations),
    ...clientMethods(plan.operations),
    ...authDeclarations(plan),
    createClientFunction(plan),
    ...errorDeclarations(plan.operations),
    ...plan.operations.flatMap(operationTypes),
    ...plan.models.map(modelAlias),
  ];
  declarations.forEach((declaration, index) => {
    if (index > 0 && !(declaration.compact && declarations[index - 1]!.compact)) writer.blankLine();
    declaration.emit(writer);
  });
  // Appended as they are: CodeBlockWriter re-reads written text for strings and comments,
  // and json-schema-to-typescript's literals are not escaped for that (see text.ts).
  return [writer.toString(), ...plan.streamSources.map((source) => `${source}\n`)].join("\n");
}

/** Imports exactly what the declarations use (an unused import fails `noUnusedLocals`), and the public re-exports. */
function imports(plan: ClientPlan, runtimeModule: string): Declaration {
  const typeTexts = [
    ...plan.operations.flatMap((op) => [op.returnType, op.response?.type ?? "", ...op.request.members.map((m) => m.type), ...op.errors.map((e) => e.body)]),
    ...plan.models.map((model) => model.type),
  ].map((text) => text.replace(/"(?:[^"\\]|\\.)*"/g, '""'));
  const typesUse = (name: string) => typeTexts.some((text) => new RegExp(`(?:^|[^\\w$])${name}\\[`).test(text));
  const generated = ["components", "paths"].filter(typesUse);
  const runtimeTypes = [
    ...(plan.operations.some((op) => op.errors.length > 0) ? ["ApiError"] : []),
    ...["CallOptions", "SseCallOptions"].filter((name) => plan.operations.some((op) => op.options === name)),
    "ClientOptions",
    ...(plan.operations.some((op) => op.returnType.startsWith("SseStream<")) ? ["SseStream"] : []),
    ...(hasAuth(plan) ? ["AuthValue", "SecurityScheme"] : []),
    ...(hasAuth(plan) && plan.schemes.some(([, scheme]) => scheme.type === "basic") ? ["BasicCredentials"] : []),
  ].sort();
  const runtime = [...(plan.operations.length > 0 ? ["createTransport"] : []), "isDeclaredError", ...runtimeTypes.map((name) => `type ${name}`)];
  // A shared runtime's path comes from the config: escaped like any other string.
  const from = stringLiteral(runtimeModule);
  return declaration((writer) => {
    if (generated.length > 0) writer.writeLine(`import type { ${generated.join(", ")} } from "${TYPES}";`);
    writer.writeLine(`import { ${runtime.join(", ")} } from ${from};`);
    writer.blankLine();
    writer.writeLine(`export { ApiError, NetworkError, StreamLimitError, TimeoutError } from ${from};`);
    writer.writeLine(`export type { AuthValue, BasicCredentials, CallOptions, ClientOptions, FetchInit, FetchLike, HeaderMap, ResponseContext, SseCallOptions, SseEvent, SseStream } from ${from};`);
  });
}

function clientInterface(operations: readonly OperationPlan[]): Declaration {
  return declaration((writer) => {
    writeDocs(writer, "One method per operation of the service. Create one with {@link createClient}.");
    writer.write("export interface Client").block(() => {
      for (const entry of clientLayout(operations)) {
        if (entry.plans === undefined) {
          writeSignature(writer, entry.plan);
          continue;
        }
        writeDocs(writer, `Operations tagged \`${entry.tag}\`.`);
        writer.write(`readonly ${memberName(identifier(entry.group))}: `).inlineBlock(() => entry.plans.forEach((plan) => writeSignature(writer, plan)));
        writer.write(";").newLine();
      }
    });
  });
}

/** With groups, every method by its flat key (`"users.createUser"`), the names fakes.gen.ts's overrides take. */
function clientMethods(operations: readonly OperationPlan[]): Declaration[] {
  if (operations.every((plan) => plan.operation.group === undefined)) return [];
  return [declaration((writer) => {
    writeDocs(writer, "Every client method by its key: `\"<group>.<method>\"` for grouped ones, as `isApiError` and fakes.gen.ts name them.");
    writer.write("export interface ClientMethods").block(() => {
      for (const { operation } of operations) {
        const member = `[${stringLiteral(identifier(operation.member))}]`;
        const path = operation.group === undefined ? member : `[${stringLiteral(identifier(operation.group))}]${member}`;
        writer.writeLine(`${errorKey(operation)}: Client${path};`);
      }
    });
  })];
}

function writeSignature(writer: CodeBlockWriter, plan: OperationPlan): void {
  writeDocs(writer, operationDocs(plan));
  const parameter = `request${plan.optional ? "?" : ""}: ${plan.requestName ?? plan.options}`;
  writer.writeLine(`${memberName(identifier(plan.operation.member))}(${parameter}): ${plan.returnType};`);
}

type LayoutEntry = { plan: OperationPlan; plans?: undefined } | { group: string; tag: string; plans: OperationPlan[] };

/** Client members in print order: ungrouped methods in spec order, then each group (by name), its methods in spec order. */
function clientLayout(operations: readonly OperationPlan[]): LayoutEntry[] {
  const groups = new Map<string, OperationPlan[]>();
  for (const plan of operations) {
    const group = plan.operation.group;
    if (group !== undefined) groups.set(group, [...(groups.get(group) ?? []), plan]);
  }
  const ungrouped: LayoutEntry[] = operations.filter((plan) => plan.operation.group === undefined).map((plan) => ({ plan }));
  const grouped = [...groups].sort(([a], [b]) => codeUnitOrder(a, b)).map(([group, plans]) => ({ group, tag: plans[0]!.operation.tags[0]!, plans }));
  return [...ungrouped, ...grouped];
}

function operationDocs(plan: OperationPlan): string {
  const { operation } = plan;
  const parts = [operation.summary, operation.description].filter((part): part is string => part !== undefined && docText(part) !== "");
  parts.push(`\`${operation.method.toUpperCase()} ${operation.path}\``);
  const tags: string[] = [];
  if (plan.errors.length > 0) {
    const statuses = plan.errors.map((error) => error.status).join(", ");
    tags.push(`@throws {ApiError} ${statuses} as declared: narrow with \`isApiError(error, ${stringLiteral(operation.name)})\``);
  }
  if (operation.deprecated) tags.push("@deprecated");
  return [parts.join("\n\n"), ...tags].join("\n");
}

/** Whether the client takes `auth`: some operation requires a scheme it can send. */
function hasAuth(plan: ClientPlan): boolean {
  return plan.schemes.length > 0 && plan.operations.some((op) => op.operation.security !== undefined);
}

/** `ClientAuth`, typing `auth` by the spec's scheme names, and the schemes the runtime applies. */
function authDeclarations(plan: ClientPlan): Declaration[] {
  if (!hasAuth(plan)) return [];
  const auth: Emit = (writer) => {
    writeDocs(writer, "Credentials by security scheme of the spec, for `createClient({ auth })`: each is sent only to the operations that require it. A value, or a function (may be async) returning one.");
    writer.write("export interface ClientAuth").block(() => {
      for (const [name, scheme] of plan.schemes) {
        writeDocs(writer, schemeDocs(scheme));
        // A scheme name is spec text: always printed as a string literal key, never as code.
        writer.writeLine(`${stringLiteral(name)}?: AuthValue<${scheme.type === "basic" ? "BasicCredentials" : "string"}>;`);
      }
    });
  };
  const schemes: Emit = (writer) => {
    writer.write("const SECURITY_SCHEMES: ReadonlyArray<readonly [string, SecurityScheme]> = [").indent(() => {
      for (const [name, scheme] of plan.schemes) writer.writeLine(`[${stringLiteral(name)}, ${schemeLiteral(scheme)}],`);
    });
    writer.writeLine("];");
  };
  return [declaration(auth), declaration(schemes)];
}

function schemeLiteral(scheme: SchemeModel): string {
  if (scheme.type === "basic") return '{ type: "basic" }';
  if (scheme.type === "http") return `{ type: "http", scheme: ${stringLiteral(scheme.scheme)} }`;
  return `{ type: "apiKey", in: ${stringLiteral(scheme.in)}, name: ${stringLiteral(scheme.name)} }`;
}

function createClientFunction(plan: ClientPlan): Declaration {
  const { operations } = plan;
  const auth = hasAuth(plan);
  return declaration((writer) => {
    writeDocs(
      writer,
      "A client for the service at `options.baseUrl`. Methods reject with `ApiError` (non-2xx), `TimeoutError` or `NetworkError`.\n\n" +
        "Redirects (301, 302, 303, 307, 308) are followed, as fetch does: the call resolves with the target's body, typed `unknown`" +
        " since the spec does not say what the target returns. Pass `init: { redirect: \"error\" }` to refuse them (`NetworkError`)," +
        " or `{ redirect: \"manual\" }` on servers to get the 3xx as an `ApiError` (browsers hide it).\n\n" +
        "A 2xx the spec gives no content (`FileResponse`, `StreamingResponse`, `Response`) resolves with a `Blob`, whatever its Content-Type.",
    );
    // A spec without operations still gets a client, with nothing to call (and no unused local).
    if (operations.length === 0) return void writer.write("export function createClient(_options: ClientOptions): Client").block(() => writer.writeLine("return {};"));
    writer.write(`export function createClient(options: ClientOptions${auth ? "<ClientAuth>" : ""}): Client`).block(() => {
      writer.writeLine(`const transport = createTransport(options${auth ? ", SECURITY_SCHEMES" : ""});`);
      writer.write("return ").inlineBlock(() => {
        for (const entry of clientLayout(operations)) {
          if (entry.plans === undefined) writeMethod(writer, entry.plan);
          else writer.write(`${identifier(entry.group)}: `).inlineBlock(() => entry.plans.forEach((plan) => writeMethod(writer, plan))).write(",").newLine();
        }
      });
      writer.write(";");
    });
  });
}

function writeMethod(writer: CodeBlockWriter, plan: OperationPlan): void {
  const { operation, transport } = plan;
  const fields = [
    `name: ${stringLiteral(operation.name)}`,
    `method: ${stringLiteral(operation.method.toUpperCase())}`,
    `path: ${stringLiteral(operation.path)}`,
  ];
  if (plan.request.contentType !== undefined) fields.push(`body: ${stringLiteral(plan.request.contentType)}`);
  if (plan.errors.length > 0) fields.push(`errors: [${plan.errors.map((error) => stringLiteral(error.status)).join(", ")}]`);
  if (plan.blob.length > 0) fields.push(`blob: [${plan.blob.map((status) => stringLiteral(status)).join(", ")}]`);
  if (operation.security !== undefined) fields.push(`security: [${operation.security.map((names) => `[${names.map(stringLiteral).join(", ")}]`).join(", ")}]`);
  const data = transport.method === "sse" ? `, ${stringLiteral(transport.data)}` : "";
  writer.writeLine(`${identifier(operation.member)}: (request) =>`);
  writer.indent(() => writer.writeLine(`transport.${transport.method}({ ${fields.join(", ")} }, request${data}),`));
}

function errorDeclarations(operations: readonly OperationPlan[]): Declaration[] {
  const withErrors = operations.filter((plan) => plan.errors.length > 0);
  const errors: Emit = (writer) => {
    writeDocs(writer, "The `ApiError`s each method can reject with, by status the spec declares. Narrow with {@link isApiError}.");
    writer.write("export interface ClientErrors").block(() => {
      for (const plan of withErrors) {
        writer.writeLine(`${errorKey(plan.operation)}: ${plan.errors.map((error) => `ApiError<${error.statusType}, ${error.body}>`).join(" | ")};`);
      }
    });
  };
  const guard: Emit = (writer) => {
    writeDocs(
      writer,
      "Whether `error` is an `ApiError` from client method `operation` with a status its spec declares;" +
        " narrows `status` and `body` to match. Undeclared statuses are plain `ApiError`s with an `unknown` body.",
    );
    writer.write("export function isApiError<K extends keyof ClientErrors>(error: unknown, operation: K): error is ClientErrors[K]").block(() => {
      writer.writeLine("return isDeclaredError(error, operation);");
    });
  };
  return [declaration(errors), declaration(guard)];
}

function operationTypes(plan: OperationPlan): Declaration[] {
  const emits: Declaration[] = [];
  const link = `{@link Client.${plan.operation.name}}`;
  const { requestName, response } = plan;
  if (requestName !== undefined) {
    emits.push(declaration((writer) => {
      writeDocs(writer, `Argument of ${link}.`);
      writer.write(`export interface ${identifier(requestName)} extends ${plan.options}`).block(() => {
        for (const member of plan.request.members) {
          writeDocs(writer, member.doc);
          writer.writeLine(`${member.name}${member.optional ? "?" : ""}: ${member.type};`);
        }
      });
    }));
  }
  if (response !== undefined) {
    emits.push(declaration((writer) => {
      writeDocs(writer, `What ${link} resolves with.`);
      writer.writeLine(`export type ${identifier(response.name)} = ${response.type};`);
    }));
  }
  return emits;
}

/** Documented aliases stand apart; undocumented ones form a compact run. */
function modelAlias(model: ModelPlan): Declaration {
  const origin = model.name === model.key ? undefined : `Schema \`${model.key}\` in the spec.`;
  const description = [model.description, origin].filter((part) => part !== undefined).join("\n\n");
  const docs = [description, model.deprecated ? "@deprecated" : ""].filter((part) => part !== "").join("\n");
  return {
    compact: docs === "",
    emit: (writer) => {
      writeDocs(writer, docs);
      writer.writeLine(`export type ${identifier(model.name)} = ${model.type};`);
    },
  };
}

/** `createUser`, or `"users.createUser"`: grouped keys are quoted. */
function errorKey(operation: OperationPlan["operation"]): string {
  return operation.group === undefined ? memberName(identifier(operation.name)) : stringLiteral(`${identifier(operation.group)}.${identifier(operation.member)}`);
}

function declaration(emit: Emit): Declaration {
  return { emit };
}

/** A JSDoc block: one line when the text is, else one ` * ` line per line of text; nothing for no text. */
function writeDocs(writer: CodeBlockWriter, text: string): void {
  const safe = docText(text);
  if (safe === "") return;
  const lines = safe.split("\n");
  if (lines.length === 1) {
    writer.writeLine(`/** ${lines[0]} */`);
    return;
  }
  writer.writeLine("/**");
  for (const line of lines) writer.writeLine(line === "" ? " *" : ` * ${line}`);
  writer.writeLine(" */");
}
