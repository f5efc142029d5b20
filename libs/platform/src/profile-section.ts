/**
 * A source's contribution to the merged public profile (GET /entities/:bin). Implemented inside
 * each source lib over its public projection only: confidential inputs never reach a section.
 */
export interface ProfileSection {
  /** The profile key this section fills, e.g. "registration", "tax", "courtCases". */
  readonly section: string;
  /** JSON-ready public facts for the BIN/IIN, or null when the source knows nothing of it. */
  find(id: string): Promise<unknown>;
}
