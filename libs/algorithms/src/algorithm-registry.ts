import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { Algorithm, algorithmSchema } from './algorithm';

export class AlgorithmError extends Error {}

/**
 * All versions of all algorithms, read from a folder of JSON files. Re-reads the folder when a
 * file appears or changes (checked at most every `recheckMs`), so a new version is rolled out by
 * adding a file — no restart. Versions are never edited in place: history must stay reproducible.
 */
export class AlgorithmRegistry {
  private versions = new Map<string, Algorithm[]>();
  private fingerprint = '';
  private checkedAt = 0;

  constructor(private readonly dir: string, private readonly recheckMs = 2000, private readonly clock: () => number = Date.now) {
    this.reload();
  }

  /** The version of `name` in force at `at` (default: now). */
  inForce(name: string, at: Date = new Date(this.clock())): Algorithm {
    this.maybeReload();
    const list = this.versions.get(name);
    if (!list) throw new AlgorithmError(`no algorithm named ${name} in ${this.dir}`);
    const t = at.getTime();
    const found = [...list].reverse().find((a) => Date.parse(a.effectiveFrom) <= t);
    if (!found) throw new AlgorithmError(`no version of ${name} was in force at ${at.toISOString()}`);
    return found;
  }

  version(name: string, version: string): Algorithm {
    this.maybeReload();
    const found = this.versions.get(name)?.find((a) => a.version === version);
    if (!found) throw new AlgorithmError(`${name} has no version ${version}`);
    return found;
  }

  names(): string[] {
    this.maybeReload();
    return [...this.versions.keys()].sort();
  }

  all(name: string): readonly Algorithm[] {
    this.maybeReload();
    return this.versions.get(name) ?? [];
  }

  private maybeReload(): void {
    const now = this.clock();
    if (now - this.checkedAt < this.recheckMs) return;
    this.checkedAt = now;
    if (this.computeFingerprint() !== this.fingerprint) this.reload();
  }

  private files(): string[] {
    const walk = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(path.join(d, e.name)) : e.name.endsWith('.json') ? [path.join(d, e.name)] : []);
    return walk(this.dir).sort();
  }

  private computeFingerprint(): string {
    return this.files().map((f) => { const s = statSync(f); return `${f}:${s.size}:${s.mtimeMs}`; }).join('|');
  }

  private reload(): void {
    const next = new Map<string, Algorithm[]>();
    for (const file of this.files()) {
      const parsed = algorithmSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
      if (!parsed.success) {
        throw new AlgorithmError(`${path.relative(this.dir, file)}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      }
      const a = parsed.data;
      const list = next.get(a.name) ?? [];
      if (list.some((b) => b.version === a.version)) throw new AlgorithmError(`${a.name} ${a.version} is defined twice`);
      list.push(a);
      next.set(a.name, list);
    }
    for (const list of next.values()) list.sort((a, b) => Date.parse(a.effectiveFrom) - Date.parse(b.effectiveFrom));
    this.versions = next;
    this.fingerprint = this.computeFingerprint();
    this.checkedAt = this.clock();
  }
}
