import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

let cached: string | undefined;

/** The repository root, found the same way from src/ (tests) and dist/ (built apps). */
export function projectRoot(): string {
  if (cached) return cached;
  let dir = __dirname;
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'kz-integration-hub') {
      return (cached = dir);
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('project root (package.json of kz-integration-hub) not found');
    dir = parent;
  }
}
