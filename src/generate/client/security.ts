/**
 * Security schemes (`components.securitySchemes`) and requirements (`security`, per operation or
 * for the whole spec), as the runtime applies them. FastAPI declares them from its security
 * dependencies: OAuth2PasswordBearer (oauth2 password flow), HTTPBearer, HTTPBasic and
 * APIKeyHeader / APIKeyQuery / APIKeyCookie, each named after its class unless `scheme_name` says.
 */
import { isJsonObject, type Json, type JsonObject, type OpenApiDocument } from "../../spec/types.js";
import { codeUnitOrder } from "./identifiers.js";
import { resolve } from "./refs.js";

/** The runtime's SecurityScheme: how a credential is sent. */
export type SchemeModel =
  | { type: "http"; scheme: string; flow: string }
  | { type: "basic" }
  | { type: "apiKey"; in: "header" | "query" | "cookie"; name: string };

/**
 * The schemes a client can send a credential for, by name in code unit order. Mutual TLS, or a
 * malformed scheme, cannot be sent by fetch: operations that need only those go without.
 */
export function readSchemes(spec: OpenApiDocument): Array<[string, SchemeModel]> {
  const components = spec["components"];
  const declared = isJsonObject(components) && isJsonObject(components["securitySchemes"]) ? components["securitySchemes"] : {};
  return Object.keys(declared)
    .sort(codeUnitOrder)
    .flatMap((name): Array<[string, SchemeModel]> => {
      const scheme = schemeModel(resolve(spec, declared[name]));
      return scheme === undefined ? [] : [[name, scheme]];
    });
}

function schemeModel(scheme: JsonObject | undefined): SchemeModel | undefined {
  if (scheme === undefined) return undefined;
  const type = scheme["type"];
  if (type === "oauth2") {
    const flows = isJsonObject(scheme["flows"]) ? Object.keys(scheme["flows"]).sort(codeUnitOrder) : [];
    return { type: "http", scheme: "Bearer", flow: flows.length > 0 ? `OAuth2 (${flows.join(", ")} flow)` : "OAuth2" };
  }
  if (type === "openIdConnect") return { type: "http", scheme: "Bearer", flow: "OpenID Connect" };
  if (type === "http" && typeof scheme["scheme"] === "string" && /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(scheme["scheme"])) {
    const name = scheme["scheme"];
    if (name.toLowerCase() === "basic") return { type: "basic" };
    // RFC 9110: the scheme is case-insensitive; "Bearer" is how servers and docs spell it.
    return name.toLowerCase() === "bearer" ? { type: "http", scheme: "Bearer", flow: "HTTP bearer" } : { type: "http", scheme: name, flow: `HTTP ${name}` };
  }
  const where = scheme["in"];
  if (type === "apiKey" && typeof scheme["name"] === "string" && scheme["name"] !== "" && (where === "header" || where === "query" || where === "cookie")) {
    return { type: "apiKey", in: where, name: scheme["name"] };
  }
  return undefined;
}

/**
 * An operation's requirements: its own `security`, else the spec's, in the spec's order (the
 * runtime gives a place to the first configured scheme that uses it), names within one sorted,
 * schemes the client cannot send left out. `undefined` when it names none: FastAPI lists two
 * required security dependencies as two requirements, so they are not read as alternatives.
 */
export function readRequirements(spec: OpenApiDocument, operation: JsonObject, schemes: ReadonlyMap<string, SchemeModel>): string[][] | undefined {
  const given: Json | undefined = operation["security"] ?? spec["security"];
  if (!Array.isArray(given)) return undefined;
  const requirements = given.filter(isJsonObject).map((requirement) => Object.keys(requirement).filter((name) => schemes.has(name)).sort(codeUnitOrder));
  const usable = requirements.filter((names) => names.length > 0);
  return usable.length > 0 ? usable : undefined;
}

/** How ClientAuth documents a scheme: where its credential goes. */
export function schemeDocs(scheme: SchemeModel): string {
  if (scheme.type === "basic") return "HTTP Basic: `{ username, password }`, sent as `Authorization: Basic …`";
  if (scheme.type === "http") return `${scheme.flow}: the token, sent as \`Authorization: ${scheme.scheme} <token>\``;
  const where = scheme.in === "query" ? "query parameter" : scheme.in;
  return `API key, sent in the ${where} \`${scheme.name}\``;
}
