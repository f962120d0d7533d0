/**
 * A set of positive whole numbers below 2^53 (phone codes, see phone-codes.ts), open addressing in a Float64Array.
 * De-duplicating a million phone numbers in a Set<number> took most of a second, because numbers this large are
 * heap objects to V8; here they stay plain doubles.
 */
export class NumberSet {
  private table: Float64Array;
  private mask: number;
  private count = 0;

  constructor(expected = 16) {
    let capacity = 16;
    while (capacity < expected * 2) capacity *= 2;
    this.table = new Float64Array(capacity); // 0 marks an empty slot
    this.mask = capacity - 1;
  }

  get size(): number {
    return this.count;
  }

  /** Adds `value`; true when it was not in the set yet. */
  add(value: number): boolean {
    if (!(value > 0 && value <= Number.MAX_SAFE_INTEGER && Number.isInteger(value))) {
      throw new RangeError(`NumberSet holds positive whole numbers only, not ${value}`);
    }
    if ((this.count + 1) * 2 > this.table.length) this.grow();
    return this.insert(value);
  }

  has(value: number): boolean {
    const table = this.table;
    for (let slot = hash(value) & this.mask; ; slot = (slot + 1) & this.mask) {
      const at = table[slot]!;
      if (at === value) return true;
      if (at === 0) return false;
    }
  }

  private insert(value: number): boolean {
    const table = this.table;
    for (let slot = hash(value) & this.mask; ; slot = (slot + 1) & this.mask) {
      const at = table[slot]!;
      if (at === value) return false;
      if (at === 0) {
        table[slot] = value;
        this.count++;
        return true;
      }
    }
  }

  private grow(): void {
    const old = this.table;
    this.table = new Float64Array(old.length * 2);
    this.mask = this.table.length - 1;
    this.count = 0;
    for (const value of old) if (value !== 0) this.insert(value);
  }
}

/**
 * NumberSet's map: each number to the first index it was added with (the row a duplicate repeats), values kept
 * beside the keys in an Int32Array so a million rows still cost no object per number.
 */
export class NumberIndex {
  private keys: Float64Array;
  private values: Int32Array;
  private mask: number;
  private count = 0;

  constructor(expected = 16) {
    let capacity = 16;
    while (capacity < expected * 2) capacity *= 2;
    this.keys = new Float64Array(capacity);
    this.values = new Int32Array(capacity);
    this.mask = capacity - 1;
  }

  get size(): number {
    return this.count;
  }

  /** The index `value` was first added with; -1 (and `index` is remembered) when it is new. */
  firstIndex(value: number, index: number): number {
    if (!(value > 0 && value <= Number.MAX_SAFE_INTEGER && Number.isInteger(value))) {
      throw new RangeError(`NumberIndex holds positive whole numbers only, not ${value}`);
    }
    if ((this.count + 1) * 2 > this.keys.length) this.grow();
    return this.insert(value, index);
  }

  private insert(value: number, index: number): number {
    const keys = this.keys;
    for (let slot = hash(value) & this.mask; ; slot = (slot + 1) & this.mask) {
      const at = keys[slot]!;
      if (at === value) return this.values[slot]!;
      if (at === 0) {
        keys[slot] = value;
        this.values[slot] = index;
        this.count++;
        return -1;
      }
    }
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldValues = this.values;
    this.keys = new Float64Array(oldKeys.length * 2);
    this.values = new Int32Array(oldKeys.length * 2);
    this.mask = this.keys.length - 1;
    this.count = 0;
    for (let i = 0; i < oldKeys.length; i++) if (oldKeys[i] !== 0) this.insert(oldKeys[i]!, oldValues[i]!);
  }
}

/** Mixes both 32-bit halves of the number (phone numbers share long prefixes and differ in their last digits). */
function hash(value: number): number {
  const low = value >>> 0;
  const high = (value / 4294967296) >>> 0;
  let h = Math.imul(low ^ Math.imul(high, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
