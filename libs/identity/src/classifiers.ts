// KATO: 9-digit administrative-territorial code. OKED: 5-digit activity code (section digits only,
// the dotted form "62.01.0" is normalised away before storage).
export const KATO_PATTERN = /^\d{9}$/;
export const OKED_PATTERN = /^\d{5}$/;

export const isKato = (code: string): boolean => KATO_PATTERN.test(code);
export const isOked = (code: string): boolean => OKED_PATTERN.test(code);
export const normaliseOked = (code: string): string => code.replace(/\./g, '');
