/**
 * A value from a file, as a refusal quotes it: short, whatever the file holds. JSON.stringify
 * quoted a 5 MB string whole into the message, and a list nested 10,000 deep overflowed the
 * stack while the message was being built (a fuzzing review).
 */

/** Longest quoted text, in characters, before it is cut with "…". */
export const QUOTE_CHARS = 40;

export function quote(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') {
    if (value.length <= QUOTE_CHARS) return JSON.stringify(value);
    return `${JSON.stringify(value.slice(0, QUOTE_CHARS))}… (${value.length.toLocaleString('en')} characters)`;
  }
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  if (Array.isArray(value)) {
    // a short list of numbers as written; any other list by its length
    if (value.length <= 8 && value.every((v) => typeof v === 'number')) return `[${value.join(',')}]`;
    return `a list of ${value.length.toLocaleString('en')} ${value.length === 1 ? 'item' : 'items'}`;
  }
  return typeof value === 'object' ? 'an object' : typeof value;
}
