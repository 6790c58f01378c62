import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, rename, rm } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/**
 * FastAPI's docs tutorial apps (`docs_src/`) of the FastAPI version `python` has installed, from
 * that version's sdist on PyPI (the only network CI has besides npm), unpacked once into
 * `~/.cache/sync-types-tests/fastapi-<version>`. Returns that folder: `docs_src` is importable
 * from it as a package (`docs_src.request_files.tutorial001:app`).
 */
export async function fastapiDocsSrc(python: string): Promise<string> {
  const { stdout } = await run(python, ["-c", "import fastapi; print(fastapi.__version__)"]);
  const version = stdout.trim();
  const cache = join(process.env["XDG_CACHE_HOME"] ?? join(homedir(), ".cache"), "sync-types-tests");
  const root = join(cache, `fastapi-${version}`);
  if (existsSync(join(root, "docs_src", "__init__.py"))) return root;
  await mkdir(cache, { recursive: true });
  // Unpacked beside the cache and renamed into place, so a concurrent or killed run never leaves half a tree.
  const work = await mkdtemp(join(cache, `.fastapi-${version}-`));
  try {
    await run(python, ["-m", "pip", "download", `fastapi==${version}`, "--no-binary", ":all:", "--no-deps", "--disable-pip-version-check", "-q", "-d", work], { timeout: 120_000 });
    const archive = (await readdir(work)).find((name) => name.endsWith(".tar.gz"));
    if (archive === undefined) throw new Error(`pip download fastapi==${version} --no-binary :all: gave no sdist in ${work}`);
    await run("tar", ["-xzf", join(work, archive), "-C", work]);
    const unpacked = join(work, archive.replace(/\.tar\.gz$/, ""));
    if (!existsSync(join(unpacked, "docs_src"))) throw new Error(`the fastapi ${version} sdist has no docs_src/`);
    await rename(unpacked, root).catch((error: NodeJS.ErrnoException) => {
      if (!existsSync(join(root, "docs_src"))) throw error;
    });
    return root;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
