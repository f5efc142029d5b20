/** The register's own connection (role hub_register, Stores.register): schema `register` only. */
export const REGISTER_DATABASE = Symbol('REGISTER_DATABASE');
