export const HUB_CONFIG = Symbol('HUB_CONFIG');
