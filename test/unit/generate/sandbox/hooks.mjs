// Module hooks of the sandbox: generated code may import its siblings and zod, nothing else
// (no `node:fs`, no `node:child_process`, no URL). Runs in Node's hooks thread.
let allowed = [];

export function initialize(data) {
  allowed = data.allowed;
}

export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  if (!allowed.some((prefix) => resolved.url.startsWith(prefix))) throw new Error(`sandbox: import of ${JSON.stringify(specifier)} refused`);
  return resolved;
}
