"""Write the JSON Schemas of payload models for untyped streams: stream_models.py OUT KEY=module:Model...

Serialization mode: the schema of what the service sends (Decimal as string, computed fields in).
"""
import json
import os
import sys

sys.path.insert(0, os.getcwd())
sys.path.insert(1, os.path.dirname(os.path.abspath(__file__)))
from extract import load_app  # noqa: E402  (the same "module:attr" loader)


def schema_of(model):
    if hasattr(model, "model_json_schema"):
        return model.model_json_schema(mode="serialization")
    from pydantic import TypeAdapter

    return TypeAdapter(model).json_schema(mode="serialization")


def main():
    out, pairs = sys.argv[1], sys.argv[2:]
    schemas = {}
    for pair in pairs:
        key, _, ref = pair.partition("=")
        schemas[key] = schema_of(load_app(ref))
    with open(out, "w", encoding="utf-8") as f:
        f.write(json.dumps(schemas, allow_nan=False, ensure_ascii=False))  # the C encoder (see extract.py)


if __name__ == "__main__":
    main()
