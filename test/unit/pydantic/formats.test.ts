import { describe, expect, it } from "vitest";
import { enforceFormats } from "../../../src/pydantic/formats.js";
import { closingBracket, literalMask } from "../../../src/pydantic/python-source.js";

// Shaped as datamodel-code-generator 0.97.0 writes formatted fields (after post-processing's base).
const GENERATED = `from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field


class _ContractModel(BaseModel):
    model_config = ConfigDict(json_schema_mode_override="validation", use_attribute_docstrings=True)


Uuid = TypeAliasType(
    "Uuid", Annotated[str, Field(json_schema_extra={"format": "uuid"})]
)


class Links(_ContractModel):
    """
    Mentions json_schema_extra={"format": "email"} in its docs.
    """

    at: Annotated[
        str | MISSING, Field(description="When (it said \\"soon\\")", json_schema_extra={"format": "date-time"}, min_length=1)
    ] = MISSING
    home: Annotated[str, Field(json_schema_extra={"format": "uri"})]
    note: str = Field(json_schema_extra={"format": "uuid"})
`;

describe("enforceFormats", () => {
  const text = enforceFormats(GENERATED);

  it("puts each validated format's validator after its Field, inside the Annotated", () => {
    expect(text).toContain('"Uuid", Annotated[str, Field(json_schema_extra={"format": "uuid"}), _valid_uuid]');
    expect(text).toContain('json_schema_extra={"format": "date-time"}, min_length=1), _valid_date_time\n    ] = MISSING');
  });

  it("leaves a format no validator checks, text in a docstring and a plain Field default (where a comma would make a tuple) alone", () => {
    expect(text).toContain('home: Annotated[str, Field(json_schema_extra={"format": "uri"})]\n');
    expect(text).toContain('Mentions json_schema_extra={"format": "email"} in its docs.');
    expect(text).toContain('note: str = Field(json_schema_extra={"format": "uuid"})\n');
    expect(text).not.toContain("_valid_email");
  });

  it("defines the validators it uses once, after the imports and before the first definition, importing only what they need", () => {
    expect(text.match(/^_valid_uuid = _parsed_as\(_uuid\.UUID\)$/gm)).toHaveLength(1);
    expect(text).toMatch(/^_valid_date_time = _parsed_as\(_datetime\.datetime\)$/m);
    expect(text).not.toMatch(/^_valid_date = /m);
    expect(text).not.toContain("import re as _re");
    expect(text).not.toContain("pydantic_core");
    const order = ["from pydantic import BaseModel", "import datetime as _datetime", "import uuid as _uuid", "import pydantic as _pydantic", "def _parsed_as(", "_valid_uuid = ", "class _ContractModel("].map((line) => text.indexOf(line));
    expect(order.every((at, i) => at >= 0 && (i === 0 || at > order[i - 1]!))).toBe(true);
  });

  it("is deterministic and leaves a module without validated formats unchanged", () => {
    expect(enforceFormats(GENERATED)).toBe(text);
    const plain = GENERATED.replaceAll('"uuid"', '"hostname"').replaceAll('"date-time"', '"time"');
    expect(enforceFormats(plain)).toBe(plain);
  });

  it("checks email with its own rule, as EmailStr reports it", () => {
    const email = enforceFormats(GENERATED.replace('{"format": "uri"}', '{"format": "email"}'));
    expect(email).toContain('home: Annotated[str, Field(json_schema_extra={"format": "email"}), _valid_email]');
    expect(email).toContain("import re as _re");
    expect(email).toContain('_pydantic_core.PydanticCustomError(\n            "value_error", "value is not a valid email address: {reason}"');
  });
});

describe("python-source", () => {
  it.each([
    ["a double-quoted string with an escaped quote", 'x = "a\\")b" + y', 'a\\")b'],
    ["a single-quoted string", "x = 'a\")' + y", 'a")'],
    ["a triple-quoted docstring over lines", 'x = """\n(\n"quoted"\n""" + y', '\n(\n"quoted"\n'],
    ["a comment", "x = 1  # (open\ny = 2", " (open"],
  ])("masks %s", (_name, source, inside) => {
    const mask = literalMask(source);
    const at = source.indexOf(inside);
    expect([...mask.slice(at, at + inside.length)].every(Boolean)).toBe(true);
    expect(mask[source.indexOf("x")]).toBe(0);
    expect(mask[source.lastIndexOf("y")]).toBe(0);
  });

  it("finds the closing bracket past brackets in strings and nested calls", () => {
    const source = 'Field(description=")]", default=f(1), extra={"k": [2]}) tail';
    expect(closingBracket(source, "Field(".length, literalMask(source))).toBe(source.indexOf(" tail") - 1);
    expect(closingBracket("a, b", 0, literalMask("a, b"))).toBe(-1);
  });
});
