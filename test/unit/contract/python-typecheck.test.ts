import { expect, test } from "vitest";
import { newPythonDiagnostics, parseDiagnostics } from "../../../src/contract/python-typecheck.js";

test("mypy's and pyright's error lines become file:line:column diagnostics; notes, warnings and summaries do not", () => {
  const lines = [
    'app/main.py:12:20: error: "Estimate" has no attribute "total"  [attr-defined]',
    "app/main.py:12:20: note: Did you mean \"amount\"?",
    "/srv/quotes/app/routes.py:4:1 - error: \"Quote\" is unknown import symbol (reportAttributeAccessIssue)",
    "/srv/quotes/app/routes.py:9:5 - warning: Import \"x\" could not be resolved",
    "Found 1 error in 1 file (checked 3 source files)",
    "0 errors, 1 warning, 0 informations",
  ];
  expect(parseDiagnostics(lines, "/srv/quotes")).toEqual([
    { file: "app/main.py", line: 12, column: 20, message: '"Estimate" has no attribute "total"  [attr-defined]' },
    { file: "app/routes.py", line: 4, column: 1, message: '"Quote" is unknown import symbol (reportAttributeAccessIssue)' },
  ]);
});

test("only what the new module breaks is reported: known errors stay out, even when lines moved", () => {
  const known = { file: "app/legacy.py", line: 3, column: 1, message: "Missing return statement  [return]" };
  const moved = { ...known, line: 5 };
  const broken = { file: "app/main.py", line: 12, column: 20, message: '"Estimate" has no attribute "total"  [attr-defined]' };
  expect(newPythonDiagnostics([known], [moved, broken])).toEqual([broken]);
  expect(newPythonDiagnostics([known], [moved, moved])).toEqual([moved]);
});
