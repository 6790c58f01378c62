"""A warm extractor for watch mode: warm.py MODULE:ATTR[()].

Imports the app once in a throwaway child to learn which third-party modules it needs, imports
those here, then serves one request per stdin line: fork, import the app fresh in the child (the
service's own modules are never imported in this process, so every child sees the saved code),
write app.openapi() to the requested file. A save then costs the app's own import, not torch's.

Protocol (JSON lines): stdin {"id": n, "out": path}; stdout {"id": n, "ok": bool, "error": str}.
The first stdout line is {"ready": true, "preloaded": count, "ms": elapsed}.
"""
import importlib
import json
import os
import sys
import time
import traceback

sys.path.insert(0, os.getcwd())
HERE = os.path.realpath(os.getcwd())
# The venv usually lives inside the service folder: its packages are third-party all the same.
INSTALLED = tuple(os.path.realpath(p) + os.sep for p in {sys.prefix, sys.base_prefix, sys.exec_prefix})


def is_own(path):
    real = os.path.realpath(path)
    return real.startswith(HERE + os.sep) and not real.startswith(INSTALLED)
sys.path.insert(1, os.path.dirname(os.path.abspath(__file__)))
from extract import load_app  # noqa: E402  (same loader as one-shot extraction)

protocol = os.fdopen(os.dup(1), "w", buffering=1)
os.dup2(2, 1)  # prints from the app must never corrupt the protocol


def third_party_modules(ref):
    """Module names the app imports from outside its own folder, learned in a throwaway child."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        names = []
        try:
            load_app(ref)
            for name, module in list(sys.modules.items()):
                path = getattr(module, "__file__", None)
                if path and not is_own(path):
                    names.append(name)
        except BaseException:  # a broken app still gets served: the error shows on the first request
            pass
        with os.fdopen(write, "w") as f:
            json.dump(names, f)
        os._exit(0)
    os.close(write)
    with os.fdopen(read) as f:
        data = f.read()
    os.waitpid(pid, 0)
    return json.loads(data or "[]")


def preload(ref):
    count = 0
    for name in third_party_modules(ref):
        if name in sys.modules:
            continue
        try:
            importlib.import_module(name)
            count += 1
        except BaseException:
            pass
    return count


def extract(ref, out):
    """Fork; the child imports the app fresh and writes its spec. Returns the child's error text."""
    err_path = out + ".stderr"
    pid = os.fork()
    if pid == 0:
        fd = os.open(err_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(fd, 1)
        os.dup2(fd, 2)
        code = 0
        try:
            app = load_app(ref)
            openapi = getattr(app, "openapi", None)
            if not callable(openapi):
                raise SystemExit(f"sync-types: {ref} is a {type(app).__name__}, not a FastAPI app (it has no openapi())")
            with open(out, "w", encoding="utf-8") as f:
                f.write(json.dumps(openapi(), allow_nan=False, ensure_ascii=False))  # the C encoder (see extract.py)
        except SystemExit as e:
            if e.code not in (None, 0):
                print(e.code if isinstance(e.code, str) else f"exit {e.code}", file=sys.stderr)
                code = 1
        except BaseException:
            traceback.print_exc()
            code = 1
        sys.stderr.flush()
        os._exit(code)
    _, status = os.waitpid(pid, 0)
    try:
        with open(err_path, encoding="utf-8", errors="replace") as f:
            error = f.read()
        os.unlink(err_path)
    except OSError:
        error = ""
    return None if os.waitstatus_to_exitcode(status) == 0 else (error or f"exit status {status}")


def main():
    ref = sys.argv[1]
    started = time.perf_counter()
    count = preload(ref)
    protocol.write(json.dumps({"ready": True, "preloaded": count, "ms": round((time.perf_counter() - started) * 1000)}) + "\n")
    for line in sys.stdin:
        request = json.loads(line)
        error = extract(ref, request["out"])
        protocol.write(json.dumps({"id": request["id"], "ok": error is None, "error": error or ""}) + "\n")


if __name__ == "__main__":
    main()
