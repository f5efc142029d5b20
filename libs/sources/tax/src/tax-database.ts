/** The tax perimeter's own connection (role hub_tax, TAX_DATABASE_URL): the only login that can touch the financials. */
export const TAX_DATABASE = Symbol('TAX_DATABASE');
