/**
 * A cache miss (pipeline.ts): the contract read into JSON Schema components, the pinned
 * datamodel-code-generator run over them, its output post-processed, the result remembered.
 */
import { basename } from "node:path";
import { UsageError } from "../errors.js";
import { rememberPydantic } from "./cache.js";
import { runCodegen } from "./codegen.js";
import { componentsFromDefinitions, sortedSchemas } from "./component-schemas.js";
import { readDocumentContract } from "./document-contract.js";
import { FORMAT_HELPER_NAMES } from "./formats.js";
import type { JsonSchemaObject, PydanticModule, PydanticRequest } from "./index.js";
import { inProject } from "./mirror.js";
import { TS } from "./pipeline.js";
import { MODULE_BASE, postprocess } from "./postprocess.js";
import { provideCodegenTool } from "./tool-env.js";

/** `request` as `runPydanticPipeline` checked it: an absolute, real, regular contract file. */
export async function generateModule(request: PydanticRequest): Promise<PydanticModule> {
  let components;
  let contractFiles: string[];
  let operations: unknown;
  if (TS.test(request.contract)) {
    const { readTsContract } = await import("./ts-contract.js");
    const contract = readTsContract(request.contract, { types: request.types, tsconfig: request.tsconfig, mirror: request.mirror });
    components = componentsFromDefinitions(contract.definitions);
    contractFiles = contract.files;
  } else {
    const contract = await readDocumentContract(request.contract, request.types);
    components = contract.components;
    operations = contract.paths;
    contractFiles = [request.contract];
  }
  assertNamesSpellable(components, request.contract);
  const tool = await provideCodegenTool({ python: request.python, signal: request.signal, progress: request.progress });
  const source = await runCodegen(tool, components, request.signal);
  const descriptions = Object.fromEntries(Object.entries(components).flatMap(([name, schema]) => (typeof schema.description === "string" && !isObjectSchema(schema) ? [[name, schema.description]] : [])));
  // Checked on the generator's own output: post-processing adds a base class whose name a contract type could take.
  assertNamesKept(source, Object.keys(components), request.contract);
  const text = postprocess(source, basename(request.contract), descriptions);
  const module: PydanticModule = {
    text,
    schemas: sortedSchemas(components),
    ...(operations === undefined ? {} : { operations }),
    contractFiles: contractFiles.map((file) => inProject(request.mirror, file)).sort(),
  };
  if (request.cache !== false) await rememberPydantic(request, module);
  return module;
}

/** Names post-processing adds to the module and uses after the models are defined (a model of that name would shadow them). */
const POSTPROCESS_NAMES = new Set([MODULE_BASE, "BaseModel", "ConfigDict", "Field", "Annotated", ...FORMAT_HELPER_NAMES]);

/**
 * The generator renames a model whose name the module already uses (a type called `Field` becomes
 * `FieldModel`); FastAPI's spec would then name it differently from the contract. Refused instead.
 */
function assertNamesKept(text: string, names: string[], contract: string): void {
  for (const name of names) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) continue; // not a Python name: the generator must spell it otherwise
    if (!POSTPROCESS_NAMES.has(name) && (text.includes(`\nclass ${name}(`) || text.includes(`\n${name} = TypeAliasType(`))) continue;
    throw new UsageError(`contract ${basename(contract)}: type "${name}" cannot keep its name in the Pydantic module (it clashes with a name the module imports or a Python keyword)`, `rename the type in the contract (e.g. "${name}Data")`);
  }
}

/**
 * Python reads identifiers in NFKC form (`ﬁle` is `file`): a type or member whose name changes so
 * would be named otherwise in FastAPI's spec, and the service would expect another JSON key.
 */
function assertNamesSpellable(components: Record<string, JsonSchemaObject>, contract: string): void {
  const check = (name: string, what: string) => {
    const python = name.normalize("NFKC");
    // A name that is no identifier gets `Field(alias=…)`, which keeps it exactly.
    if (python !== name && IDENTIFIER.test(name)) throw new UsageError(`contract ${basename(contract)}: ${what} ${JSON.stringify(name)} is read by Python as ${JSON.stringify(python)} (Unicode NFKC), so its JSON name would change`, `rename it to ${JSON.stringify(python)} in the contract`);
  };
  const visit = (value: unknown, owner: string): void => {
    if (Array.isArray(value)) return value.forEach((item) => visit(item, owner));
    if (typeof value !== "object" || value === null) return;
    for (const [key, child] of Object.entries(value)) {
      if (key === "properties" && typeof child === "object" && child !== null) {
        for (const [member, schema] of Object.entries(child)) {
          check(member, `type "${owner}", member`);
          visit(schema, owner);
        }
      } else if (!VERBATIM.has(key)) visit(child, owner);
    }
  };
  for (const [name, schema] of Object.entries(components)) {
    check(name, "type");
    visit(schema, name);
  }
}

const IDENTIFIER = /^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*$/u;
const VERBATIM = new Set(["enum", "const", "default", "examples", "example"]);

/** A model (its description is a class docstring Pydantic reads), as opposed to a named alias. */
const isObjectSchema = (schema: Record<string, unknown>) => schema.type === "object" && (schema.properties !== undefined || schema.additionalProperties === undefined);
