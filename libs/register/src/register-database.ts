/** The register's own connection (role hub_register, REGISTER_DATABASE_URL): schema `register` only. */
export const REGISTER_DATABASE = Symbol('REGISTER_DATABASE');
