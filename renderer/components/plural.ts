const numbers = new Intl.NumberFormat('en');

/**
 * A count with its noun, singular for exactly one: plural(1, 'contact') -> "1 contact", plural(1200, 'contact') ->
 * "1,200 contacts", plural(2, 'entry', 'entries') -> "2 entries". The plural is the singular plus "s" unless given.
 */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${numbers.format(n)} ${n === 1 ? one : many}`;
}
