/**
 * A contract's `format` is enforced, not only annotated: the service must refuse what its spec
 * (and so the typed fakes) refuse. The field stays a `str` (a `UUID` or `datetime` field would
 * rewrite the value: uppercase hex, `.000Z`), so each format becomes an `AfterValidator` beside the
 * field's `Field(json_schema_extra={"format": …})`: the value is parsed by a `TypeAdapter` of that
 * type, whose ValidationError Pydantic adopts under the field's `loc` (so the `type`, message and
 * `ctx` are a real field's: `uuid_parsing`, `datetime_from_date_parsing`, …), and the string is
 * returned as sent. What is accepted is what such a field accepts (Pydantic's lax parsing: a
 * `datetime` also takes `2024-01-01`). The JSON schema is the string's, so FastAPI's spec stays
 * `{"type": "string", "format": "uuid"}`.
 *
 * The formats are the ones the fakes check (runtime/fakes.ts). `email` has no Pydantic type
 * without the `email-validator` package (and `EmailStr` lowercases the domain), so it is checked
 * with the fakes' own rule and `EmailStr`'s error type and message.
 */
import { closingBracket, literalMask } from "./python-source.js";

/** Format → the module-level validator that enforces it. */
export const FORMAT_VALIDATORS: Readonly<Record<string, string>> = {
  uuid: "_valid_uuid",
  date: "_valid_date",
  "date-time": "_valid_date_time",
  email: "_valid_email",
};

/** Names the helper block defines: a contract type of one of these names would shadow it. */
export const FORMAT_HELPER_NAMES: readonly string[] = [...Object.values(FORMAT_VALIDATORS), "_parsed_as", "_check_email", "_EMAIL", "_datetime", "_re", "_uuid", "_pydantic", "_pydantic_core"];

const PARSED_AS = `def _parsed_as(kind: type[object]) -> _pydantic.AfterValidator:
    """Checks a string as a \`kind\` field would (its error raised as is), and keeps the string as sent."""
    adapter = _pydantic.TypeAdapter(kind)

    def check(value: object) -> object:
        if isinstance(value, str):
            adapter.validate_python(value)
        return value

    return _pydantic.AfterValidator(check)`;

const CHECK_EMAIL = `# The fakes' rule, whose \\s is JavaScript's: Python's also has \\x1c-\\x1f and \\x85, but not \\ufeff.
_EMAIL = _re.compile(r"P+@P+\\.P+".replace("P", r"[^@\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]"))


def _check_email(value: object) -> object:
    """EmailStr's error for what is not a name, an @-sign and a domain with a period."""
    if isinstance(value, str) and not _EMAIL.fullmatch(value):
        if "@" not in value:
            reason = "An email address must have an @-sign."
        else:
            reason = "It should be a name, an @-sign and a domain with a period, without spaces."
        raise _pydantic_core.PydanticCustomError(
            "value_error", "value is not a valid email address: {reason}", {"reason": reason}
        )
    return value`;

const DEFINITIONS: Readonly<Record<string, string>> = {
  uuid: "_valid_uuid = _parsed_as(_uuid.UUID)",
  date: "_valid_date = _parsed_as(_datetime.date)",
  "date-time": "_valid_date_time = _parsed_as(_datetime.datetime)",
  email: "_valid_email = _pydantic.AfterValidator(_check_email)",
};

const FORMAT_EXTRA = /json_schema_extra=\{"format": "([^"\\]+)"\}/g;

/**
 * Each `Field(…json_schema_extra={"format": "<validated format>"}…)` followed by its validator,
 * and the helper block (imports, then the validators the module uses) before the first definition.
 */
export function enforceFormats(text: string): string {
  const mask = literalMask(text);
  const inserts: { at: number; name: string }[] = [];
  const used = new Set<string>();
  for (const match of text.matchAll(FORMAT_EXTRA)) {
    const format = match[1]!;
    const name = FORMAT_VALIDATORS[format];
    if (!name || mask[match.index]) continue;
    const close = closingBracket(text, match.index + match[0].length, mask);
    // Only inside `Annotated[…]`: after a plain `= Field(…)` default, ", v" would make a tuple.
    if (close < 0 || text[closingBracket(text, close + 1, mask)] !== "]") continue;
    inserts.push({ at: close + 1, name });
    used.add(format);
  }
  if (!inserts.length) return text;
  let out = text;
  for (const { at, name } of inserts.reverse()) out = `${out.slice(0, at)}, ${name}${out.slice(at)}`;
  return withHelpers(out, Object.keys(FORMAT_VALIDATORS).filter((format) => used.has(format)));
}

function withHelpers(text: string, formats: string[]): string {
  const parsed = formats.some((format) => format !== "email");
  const modules = [
    (formats.includes("date") || formats.includes("date-time")) && "import datetime as _datetime",
    formats.includes("email") && "import re as _re",
    formats.includes("uuid") && "import uuid as _uuid",
  ].filter(Boolean);
  const pydantic = ["import pydantic as _pydantic", formats.includes("email") && "import pydantic_core as _pydantic_core"].filter(Boolean);
  const imports = `${modules.join("\n")}\n\n${pydantic.join("\n")}\n`;
  const functions = [parsed && PARSED_AS, formats.includes("email") && CHECK_EMAIL].filter(Boolean);
  const block = `${functions.join("\n\n\n")}\n\n\n${formats.map((format) => DEFINITIONS[format]).join("\n")}\n\n\n`;
  const mask = literalMask(text);
  const definition = [...text.matchAll(/^(class |[A-Za-z_]\w* = TypeAliasType\()/gm)].find((m) => !mask[m.index]);
  const at = definition?.index ?? text.length;
  return `${text.slice(0, at).trimEnd()}\n\n${imports}\n\n${block}${text.slice(at)}`;
}
