import { Injectable } from '@nestjs/common';
import { configInForce } from './matching/screening-config';
import type { ScreeningConfig } from './matching/screening-config';
import { readScreeningConfigs } from './matching/config-files';
import { organisationTypeSet, parseQueryDate, screenSubject } from './matching/matcher';
import { ScreeningResult, ScreeningSubject } from './matching/screening-types';
import { WatchlistIndex } from './matching/watchlist-index';
import { WatchlistEntry } from './watchlist-entry';
import { WatchlistRepository } from './watchlist.repository';

export enum ScreeningInputError {
  NAME_MISSING = 'NAME_MISSING',
  BIRTH_DATE_FORMAT = 'BIRTH_DATE_FORMAT',
  KIND_UNKNOWN = 'KIND_UNKNOWN',
}

export class ScreeningSubjectError extends Error {
  constructor(readonly code: ScreeningInputError, message: string) {
    super(`${code}: ${message}`);
  }
}

/** How often an instance looks for entries another instance ingested. */
export const REFRESH_INTERVAL_MS = 1000;
/** Rows committed out of updated_at order are read again within this window (re-applying is idempotent). */
const REFRESH_OVERLAP_MS = 10_000;

/**
 * Screens a person or organisation against the watchlists in force (SPEC §4, NDIP §3.25). The
 * entries live in an in-memory index built from the screening schema on first use, then brought
 * up to date from the rows changed since (at most every second), so every hub instance sees what
 * any instance ingested. The config version in force is named in every result.
 */
@Injectable()
export class WatchlistScreening {
  private readonly index = new WatchlistIndex();
  private readonly configs: ScreeningConfig[];
  private readonly orgTypes = new Map<string, Set<string>>();
  private watermark: Date | null = null;
  private loaded = false;
  private checkedAt = 0;
  private refreshing?: Promise<void>;

  constructor(private readonly repository: WatchlistRepository, configs?: ScreeningConfig[]) {
    this.configs = configs ?? readScreeningConfigs();
  }

  async screen(subject: ScreeningSubject): Promise<ScreeningResult> {
    if (subject.kind !== 'PERSON' && subject.kind !== 'ORGANISATION') throw new ScreeningSubjectError(ScreeningInputError.KIND_UNKNOWN, 'kind must be PERSON or ORGANISATION');
    if (!subject.name?.trim() && !(subject.identifiers ?? []).some((i) => i.trim())) throw new ScreeningSubjectError(ScreeningInputError.NAME_MISSING, 'a name or an identifier is required');
    if (subject.birthDate !== undefined && parseQueryDate(subject.birthDate) === null) {
      throw new ScreeningSubjectError(ScreeningInputError.BIRTH_DATE_FORMAT, 'birthDate must be YYYY, YYYY-MM or YYYY-MM-DD');
    }
    await this.refreshIfStale();
    const config = configInForce(this.configs, new Date());
    let orgTypes = this.orgTypes.get(config.version);
    if (!orgTypes) this.orgTypes.set(config.version, (orgTypes = organisationTypeSet(config)));
    return screenSubject(this.index, subject, config, orgTypes);
  }

  /** Entries this instance has just stored: visible to the next screening at once. */
  apply(entries: readonly WatchlistEntry[]): void {
    for (const e of entries) this.index.upsert(e);
  }

  /** Entries in force in this instance's index. */
  get size(): number {
    return this.index.size;
  }

  async refreshIfStale(): Promise<void> {
    if (this.loaded && Date.now() - this.checkedAt < REFRESH_INTERVAL_MS) return;
    this.refreshing ??= this.refresh().finally(() => { this.refreshing = undefined; });
    await this.refreshing;
  }

  private async refresh(): Promise<void> {
    const since = this.watermark === null ? null : new Date(this.watermark.getTime() - REFRESH_OVERLAP_MS);
    const changes = await this.repository.changedSince(since);
    // Oldest first, so an entry's latest state is the one left in the index.
    for (const e of changes.entries.sort((a, b) => a.eventTime.getTime() - b.eventTime.getTime())) this.index.upsert(e);
    if (changes.watermark && (!this.watermark || changes.watermark > this.watermark)) this.watermark = changes.watermark;
    this.loaded = true;
    this.checkedAt = Date.now();
  }
}
