import { InfrastructureError } from './transient-error';

/** The registry cannot answer, or lacks a subject that provisioning registered: pause, do not dead-letter. */
export class RegistryUnavailableError extends InfrastructureError {
  constructor(code: 'REGISTRY_UNAVAILABLE' | 'REGISTRY_SUBJECT_MISSING', message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'RegistryUnavailableError';
  }
}

/** Records produced this long before the cache was fetched are judged by the cache (clock skew between broker and hub). */
const SKEW_MS = 5000;

interface SubjectEntry {
  ids: Set<number>;
  versions: Set<number>;
  fetchedAt: number;
}

/**
 * The schema ids of each subject's versions, from the Confluent API (`/subjects/{s}/versions`).
 * Versions never change, so only new ones are fetched. A miss refreshes the subject only when the
 * cache might not know the version yet (fetched before the record was produced), at most once per
 * batch: a new version registered later is accepted, and a stream of wrong records does not turn
 * into a stream of registry calls.
 */
export class SubjectSchemaIds {
  private readonly subjects = new Map<string, SubjectEntry>();
  private readonly inFlight = new Map<string, Promise<SubjectEntry>>();

  constructor(private readonly url: string, private readonly headers: Record<string, string>, private readonly now: () => number = Date.now) {}

  /** The hot path: a cached id, answered without a promise. */
  knows(subject: string, schemaId: number): boolean {
    return this.subjects.get(subject)?.ids.has(schemaId) ?? false;
  }

  async includes(subject: string, schemaId: number, producedAt: number, refreshedThisBatch: Set<string>): Promise<boolean> {
    const cached = this.subjects.get(subject);
    if (!cached) refreshedThisBatch.add(subject);
    let entry = cached ?? (await this.refresh(subject));
    if (entry.ids.has(schemaId)) return true;
    if (refreshedThisBatch.has(subject) || entry.fetchedAt > producedAt + SKEW_MS) return false;
    refreshedThisBatch.add(subject);
    entry = await this.refresh(subject);
    return entry.ids.has(schemaId);
  }

  private refresh(subject: string): Promise<SubjectEntry> {
    const running = this.inFlight.get(subject);
    if (running) return running;
    const work = this.fetch(subject).finally(() => this.inFlight.delete(subject));
    this.inFlight.set(subject, work);
    return work;
  }

  private async fetch(subject: string): Promise<SubjectEntry> {
    const fetchedAt = this.now();
    const entry = this.subjects.get(subject) ?? { ids: new Set<number>(), versions: new Set<number>(), fetchedAt };
    const base = `/subjects/${encodeURIComponent(subject)}/versions`;
    const versions = await this.get<number[]>(base, subject);
    for (const version of versions.filter((v) => !entry.versions.has(v))) {
      const { id } = await this.get<{ id: number }>(`${base}/${version}`, subject);
      entry.ids.add(id);
      entry.versions.add(version);
    }
    entry.fetchedAt = fetchedAt;
    this.subjects.set(subject, entry);
    return entry;
  }

  private async get<T>(pathname: string, subject: string): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${this.url.replace(/\/$/, '')}${pathname}`, { headers: this.headers, signal: AbortSignal.timeout(5000) });
    } catch (error) {
      throw new RegistryUnavailableError('REGISTRY_UNAVAILABLE', `registry unreachable: ${(error as Error).message}`, { cause: error });
    }
    // The hub registered every hosted topic's subject at provisioning: a 404 means the registry lost
    // it (or the URL is wrong), which no record can be blamed for.
    if (response.status === 404) throw new RegistryUnavailableError('REGISTRY_SUBJECT_MISSING', `registry has no subject ${subject}`);
    if (!response.ok) throw new RegistryUnavailableError('REGISTRY_UNAVAILABLE', `registry answered ${response.status} for ${pathname}`);
    return (await response.json()) as T;
  }
}
