/** Types of venv.mjs, which stays plain JavaScript so it runs before `npm run build`. */
export function exampleServiceDirs(root: string): string[];
export function venvIsCurrent(dir: string): Promise<boolean>;
export function ensureVenv(dir: string, options?: { log?: (message: string) => void }): Promise<string>;
