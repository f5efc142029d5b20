// IIN/BIN are personal or identifying data: logs keep the first 4 and last 2 digits only.
const TWELVE_DIGIT_RUN = /(?<!\d)(\d{4})\d{6}(\d{2})(?!\d)/g;

export function maskNationalIds(text: string): string {
  return text.replace(TWELVE_DIGIT_RUN, '$1******$2');
}
