/** The tax perimeter's own connection (role hub_tax, Stores.tax): the only login that can touch the financials. */
export const TAX_DATABASE = Symbol('TAX_DATABASE');

/** Ids whose tax rows changed wait here for their preliminary indexes, written with the rows (RecomputeOutbox). */
export const TAX_OUTBOX = { table: 'src_tax.recompute_outbox', idColumn: 'id' } as const;
