import { isAbsolute, join, relative } from "node:path";

/** A contract read from a copy of a project folder (the pre-commit hook's staged tree): `from` is the copy, `to` the project, both real paths. */
export interface Mirror {
  from: string;
  to: string;
}

/** `file` on the other side; a file on neither (a package a `node_modules` link leads to) stays as it is. */
function move(file: string, from: string, to: string): string {
  const rel = relative(from, file);
  return rel.startsWith("..") || isAbsolute(rel) ? file : join(to, rel);
}

/** A file of the copy, named where it is in the project. */
export const inProject = (mirror: Mirror | undefined, file: string) => (mirror ? move(file, mirror.from, mirror.to) : file);

/** A file of the project, where the copy has it. */
export const inCopy = (mirror: Mirror | undefined, file: string) => (mirror ? move(file, mirror.to, mirror.from) : file);
