import type { WatchlistEntry } from '../watchlist-entry';
import { resolveCountries } from './countries';
import { jaroWinkler, levenshtein } from './similarity';
import { cleanLight, nameTokens, skeleton } from './transliteration';

export type NameStrength = 'PRIMARY' | 'ORIGINAL_SCRIPT' | 'STRONG' | 'WEAK' | 'PREVIOUS';

export interface IndexedName {
  text: string;
  strength: NameStrength;
  /** cleanLight(text): for the literal comparison. */
  light: string;
  /** Skeleton of every token, in the listed order. */
  tokens: string[];
  /** The skeletons sorted and joined: equal for the same name in any order and spelling. */
  sorted: string;
}

export interface IndexedEntry {
  entry: WatchlistEntry;
  names: IndexedName[];
  /** Resolved ISO codes of nationalities and countries; null when one of them could not be resolved. */
  countryCodes: string[] | null;
  identifiers: Set<string>;
  /** Token count of the entry's shortest name. */
  shortestName: number;
}

export const normaliseIdentifier = (value: string): string => value.normalize('NFKC').toUpperCase().replace(/[^\p{L}\p{N}]/gu, '');

export function indexedName(text: string, strength: NameStrength): IndexedName {
  const tokens = nameTokens(text).map(skeleton).filter((t) => t.length > 0);
  return { text, strength, light: cleanLight(text), tokens, sorted: [...tokens].sort().join(' ') };
}

function indexEntry(entry: WatchlistEntry): IndexedEntry {
  const names: IndexedName[] = [indexedName(entry.wholeName, 'PRIMARY')];
  if (entry.nameOriginalScript) names.push(indexedName(entry.nameOriginalScript, 'ORIGINAL_SCRIPT'));
  for (const a of entry.aliases) names.push(indexedName(a.name, a.strength));
  const texts = [...entry.nationalities, ...entry.countries];
  const resolved = texts.map(resolveCountries);
  const kept = names.filter((n) => n.tokens.length > 0);
  return {
    entry,
    names: kept,
    shortestName: kept.reduce((m, n) => Math.min(m, n.tokens.length), Infinity),
    countryCodes: resolved.some((r) => r.length === 0) ? null : [...new Set(resolved.flat())],
    identifiers: new Set(entry.identifiers.map((i) => normaliseIdentifier(i.value)).filter((v) => v.length > 0)),
  };
}

function deletions(token: string): string[] {
  const out = [token];
  if (token.length < 3) return out;
  for (let i = 0; i < token.length; i++) out.push(token.slice(0, i) + token.slice(i + 1));
  return out;
}

function trigrams(token: string): string[] {
  const padded = `^${token}$`;
  const out: string[] = [];
  for (let i = 0; i + 3 <= padded.length; i++) out.push(padded.slice(i, i + 3));
  return [...new Set(out)];
}

const addTo = <K, V>(map: Map<K, Set<V>>, key: K, value: V) => {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
};

/** Token similarity below which the index does not offer a token as a candidate. */
const MIN_TOKEN_SIMILARITY = 0.8;
/** The index offers tokens at most this many edits apart (scoring's plausibility bound is the same or tighter). */
const MAX_TOKEN_EDITS = 2;
/** A trigram shared by more vocabulary tokens than this ("ova", "ov$") tells nothing. */
const STOP_GRAM = 400;
/** Query names longer than this are cut for retrieval (scoring still sees every part). */
const MAX_QUERY_TOKENS = 8;

/**
 * The in-memory screening index over the entries in force: postings from name-token skeletons
 * to entries, plus a deletion-neighbourhood and a trigram index over the token vocabulary for
 * misspelt tokens. De-listed entries are removed, so they can never be candidates.
 */
export class WatchlistIndex {
  private readonly slots: Array<IndexedEntry | undefined> = [];
  private readonly slotById = new Map<string, number>();
  private readonly free: number[] = [];
  private readonly postings = new Map<string, Set<number>>();
  private readonly byIdentifier = new Map<string, Set<number>>();
  private readonly byDeletion = new Map<string, Set<string>>();
  private readonly byTrigram = new Map<string, Set<string>>();
  private readonly vocabulary = new Set<string>();
  private readonly versions = new Map<string, { version: string; at: number }>();
  /** When each de-listed entry was de-listed: an older state arriving later must not bring it back. */
  private readonly delistedAt = new Map<string, number>();
  private count = 0;
  private scratch = new Float32Array(0);
  private touchedMark = new Uint8Array(0);

  get size(): number {
    return this.count;
  }

  /** The newest snapshot version seen per list, de-listings included. */
  listVersions(): Record<string, string> {
    return Object.fromEntries([...this.versions].sort(([a], [b]) => a.localeCompare(b)).map(([list, v]) => [list, v.version]));
  }

  get(entryId: string): IndexedEntry | undefined {
    const slot = this.slotById.get(entryId);
    return slot === undefined ? undefined : this.slots[slot];
  }

  /** Adds or replaces an entry; a de-listed entry is removed. An older state than the one held is ignored. */
  upsert(entry: WatchlistEntry): void {
    const seen = this.versions.get(entry.list);
    if (!seen || seen.at < entry.eventTime.getTime()) this.versions.set(entry.list, { version: entry.listVersion, at: entry.eventTime.getTime() });
    const at = entry.eventTime.getTime();
    const held = this.get(entry.entryId);
    if ((held && held.entry.eventTime.getTime() > at) || (this.delistedAt.get(entry.entryId) ?? -Infinity) > at) return;
    this.remove(entry.entryId);
    if (entry.delisted) {
      this.delistedAt.set(entry.entryId, at);
      return;
    }
    this.delistedAt.delete(entry.entryId);
    const indexed = indexEntry(entry);
    const slot = this.free.pop() ?? this.slots.length;
    this.slots[slot] = indexed;
    this.slotById.set(entry.entryId, slot);
    this.count++;
    for (const name of indexed.names) for (const token of name.tokens) this.addToken(token, slot);
    for (const id of indexed.identifiers) addTo(this.byIdentifier, id, slot);
  }

  private addToken(token: string, slot: number): void {
    addTo(this.postings, token, slot);
    if (this.vocabulary.has(token)) return;
    this.vocabulary.add(token);
    for (const d of deletions(token)) addTo(this.byDeletion, d, token);
    for (const g of trigrams(token)) addTo(this.byTrigram, g, token);
  }

  remove(entryId: string): void {
    const slot = this.slotById.get(entryId);
    if (slot === undefined) return;
    const indexed = this.slots[slot]!;
    for (const name of indexed.names) for (const token of name.tokens) this.postings.get(token)?.delete(slot);
    for (const id of indexed.identifiers) this.byIdentifier.get(id)?.delete(slot);
    this.slots[slot] = undefined;
    this.slotById.delete(entryId);
    this.free.push(slot);
    this.count--;
  }

  /** Vocabulary tokens close to `token` (itself, one deletion apart, or sharing most trigrams), with their similarity. */
  similarTokens(token: string): Map<string, number> {
    const out = new Map<string, number>();
    const consider = (t: string) => {
      if (out.has(t) || Math.abs(t.length - token.length) > MAX_TOKEN_EDITS) return;
      const sim = jaroWinkler(token, t);
      if (sim >= MIN_TOKEN_SIMILARITY && levenshtein(token, t, MAX_TOKEN_EDITS) <= MAX_TOKEN_EDITS) out.set(t, sim);
    };
    if (this.vocabulary.has(token)) out.set(token, 1);
    for (const d of deletions(token)) for (const t of this.byDeletion.get(d) ?? []) consider(t);
    // Two edits apart: tokens sharing enough trigrams (the deletion index already found one edit).
    if (token.length >= 6) {
      const grams = trigrams(token);
      const shared = new Map<string, number>();
      for (const g of grams) {
        const holders = this.byTrigram.get(g);
        if (!holders || holders.size > STOP_GRAM) continue;
        for (const t of holders) shared.set(t, (shared.get(t) ?? 0) + 1);
      }
      const needed = Math.max(2, grams.length - 6);
      for (const [t, n] of shared) if (n >= needed) consider(t);
    }
    return out;
  }

  /**
   * Candidate entries for query names (token skeletons), best first: each query token counts
   * its best similar token in the entry; entries matching at least two query tokens (or the
   * only one) are kept, plus every entry sharing an identifier.
   */
  candidates(queryNames: readonly string[][], identifiers: readonly string[], limit: number, kind?: IndexedEntry['entry']['kind']): IndexedEntry[] {
    const best = new Map<number, number>();
    const cache = new Map<string, Map<string, number>>();
    for (const all of queryNames) {
      const tokens = all.slice(0, MAX_QUERY_TOKENS);
      const n = tokens.length;
      // One scratch row of n similarities per touched slot, reused across queries (no allocation per slot).
      if (this.scratch.length < this.slots.length * n) this.scratch = new Float32Array(this.slots.length * MAX_QUERY_TOKENS);
      if (this.touchedMark.length < this.slots.length) this.touchedMark = new Uint8Array(this.slots.length * 2);
      const touched: number[] = [];
      tokens.forEach((qt, qi) => {
        let similar = cache.get(qt);
        if (!similar) cache.set(qt, (similar = this.similarTokens(qt)));
        for (const [t, sim] of similar) {
          for (const slot of this.postings.get(t) ?? []) {
            if (!this.touchedMark[slot]) {
              this.touchedMark[slot] = 1;
              touched.push(slot);
            }
            const at = slot * n + qi;
            if (sim > this.scratch[at]) this.scratch[at] = sim;
          }
        }
      });
      const needed = Math.min(n, 2);
      for (const slot of touched) {
        let sum = 0;
        let hits = 0;
        for (let qi = 0; qi < n; qi++) {
          const v = this.scratch[slot * n + qi];
          if (v > 0) { sum += v; hits++; }
          this.scratch[slot * n + qi] = 0;
        }
        this.touchedMark[slot] = 0;
        const indexed = this.slots[slot]!;
        if (kind !== undefined && indexed.entry.kind !== kind) continue;
        if (hits < needed && hits < indexed.shortestName) continue;
        if (sum > (best.get(slot) ?? 0)) best.set(slot, sum);
      }
    }
    const ranked = [...best].sort((a, b) => b[1] - a[1]).slice(0, limit).map(([slot]) => slot);
    const slots = new Set(ranked);
    for (const id of identifiers) for (const slot of this.byIdentifier.get(normaliseIdentifier(id)) ?? []) slots.add(slot);
    return [...slots].map((s) => this.slots[s]!);
  }
}
