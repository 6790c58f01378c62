"""Where each route of a FastAPI app is declared: route_sources.py MODULE:ATTR[()] OUT_FILE.

Writes {"METHOD /path": "file:line"} with files relative to the working directory (the service
folder) and the line of the route's decorator, so a contract breach can name the code to fix.
"""
import inspect
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from extract import load_app  # noqa: E402


def main():
    ref, out = sys.argv[1], sys.argv[2]
    sys.path.insert(0, os.getcwd())
    app = load_app(ref)
    found = {}
    for route in getattr(app, "routes", []):
        endpoint = getattr(route, "endpoint", None)
        methods = getattr(route, "methods", None)
        if endpoint is None or not methods:
            continue
        endpoint = inspect.unwrap(endpoint)
        code = getattr(endpoint, "__code__", None)
        try:
            path = inspect.getsourcefile(endpoint)
        except TypeError:
            path = None
        if code is None or path is None:
            continue
        shown = os.path.relpath(path, os.getcwd())
        for method in sorted(methods):
            found.setdefault(f"{method} {route.path}", f"{shown}:{code.co_firstlineno}")
    with open(out, "w", encoding="utf-8") as f:
        json.dump(found, f, sort_keys=True)


if __name__ == "__main__":
    main()
