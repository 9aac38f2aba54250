import * as nodeCrypto from 'node:crypto';
import fc from 'fast-check';
import { compareText, digest, recurringDigest, sortedIndexes, sortedRecord, sortedUnique, stableGuid } from '../lib/stable';

describe('sortedRecord', () => {
  test('keys in code-unit order, whatever the locale: capitals before small letters, accents after z', () => {
    expect(Object.keys(sortedRecord({ zeta: 1, é: 2, Beta: 3, alpha: 4 }))).toEqual(['Beta', 'alpha', 'zeta', 'é']);
  });

  test('a record already in order is copied, not returned', () => {
    const record = { a: 1, b: 2 };
    const sorted = sortedRecord(record);
    expect(sorted).toEqual(record);
    expect(sorted).not.toBe(record);
  });

  // A claim or tag named __proto__ must stay a key: assigning it would set the prototype and drop the value.
  test('a __proto__ key stays an own key with its value', () => {
    const record = JSON.parse('{"sub":"repo:acme/web:ref:refs/heads/main","__proto__":"x"}') as Record<string, string>;
    const sorted = sortedRecord(record);
    expect(Object.keys(sorted)).toEqual(['__proto__', 'sub']);
    expect(Object.getOwnPropertyDescriptor(sorted, '__proto__')?.value).toBe('x');
    expect(Object.getPrototypeOf(sorted)).toBe(Object.prototype);
  });
});

describe('compareText', () => {
  test('code-unit order, whatever the locale: capitals before small letters, a prefix before its extensions', () => {
    expect(['b', 'é', 'a', 'B', 'ab', 'a'].sort(compareText)).toEqual(['B', 'a', 'a', 'ab', 'b', 'é']);
  });

  // The Plan's lists were sorted by fields joined with U+0000, which no field may hold: comparing the fields in turn
  // must give that same order, or every engine's output would be reordered.
  test('fields compared in turn order items as their fields joined with U+0000 do', () => {
    const field = fc.string({ unit: fc.constantFrom('a', 'b', '/', ':', 'é', 'Z', '\u{1F600}'), maxLength: 6 });
    fc.assert(
      fc.property(fc.array(fc.tuple(field, field, field), { maxLength: 30 }), (items) => {
        const joined = [...items].sort((x, y) => {
          const [a, b] = [x.join('\u0000'), y.join('\u0000')];
          return a < b ? -1 : a > b ? 1 : 0;
        });
        const inTurn = [...items].sort((x, y) => compareText(x[0], y[0]) || compareText(x[1], y[1]) || compareText(x[2], y[2]));
        expect(inTurn).toEqual(joined);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('sortedUnique', () => {
  test('distinct values in code-unit order, from an array or any iterable', () => {
    expect(sortedUnique(['b', 'a', 'b', 'B'])).toEqual(['B', 'a', 'b']);
    expect(sortedUnique(new Set(['z', 'é', 'a']))).toEqual(['a', 'z', 'é']);
    expect(sortedUnique(['a', 'a'])).toEqual(['a']);
  });

  test('a list already in order is copied, never returned or changed', () => {
    const list = ['a', 'b', 'c'];
    const sorted = sortedUnique(list);
    expect(sorted).toEqual(['a', 'b', 'c']);
    expect(sorted).not.toBe(list);
    const unsorted = ['c', 'a', 'c'];
    sortedUnique(unsorted);
    expect(unsorted).toEqual(['c', 'a', 'c']);
  });

  test('any list: each value once, every neighbour in increasing order', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: fc.constantFrom('a', 'b', 'A', 'é', '\u{1F600}'), maxLength: 3 }), { maxLength: 12 }), (values) => {
        const result = sortedUnique(values);
        expect(new Set(result)).toEqual(new Set(values));
        expect(result.length).toBe(new Set(values).size);
        for (let i = 1; i < result.length; i++) expect(result[i - 1] < result[i]).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('sortedIndexes', () => {
  test('distinct indexes in numeric order, not text order, as a new array', () => {
    expect(sortedIndexes([10, 2, 2, 1])).toEqual([1, 2, 10]);
    const inOrder = [0, 3, 12];
    expect(sortedIndexes(inOrder)).toEqual([0, 3, 12]);
    expect(sortedIndexes(inOrder)).not.toBe(inOrder);
    expect(sortedIndexes([4, 4])).toEqual([4]);
    expect(sortedIndexes([])).toEqual([]);
  });
});

describe('digest and stableGuid', () => {
  // Known answers: the SHA-256 / SHA-1 of the parts joined with U+0000, as published test vectors compute them.
  const sha256 = (text: string) => nodeCrypto.createHash('sha256').update(text).digest('hex');
  const cases = [['acme-web'], ['https://token.actions.githubusercontent.com', 'repo:acme/web:environment:prod'], ['é', '日本']];

  const check = () => {
    for (const parts of cases) {
      expect(digest(parts)).toBe(sha256(parts.join('\u0000')).slice(0, 8));
      expect(digest(parts, 12)).toBe(sha256(parts.join('\u0000')).slice(0, 12));
      expect(digest(parts, 7)).toBe(sha256(parts.join('\u0000')).slice(0, 7));
      // Remembered or not, a recurring digest is the same digest.
      expect(recurringDigest(parts)).toBe(sha256(parts.join('\u0000')).slice(0, 8));
      expect(recurringDigest([...parts])).toBe(sha256(parts.join('\u0000')).slice(0, 8));
    }
    // RFC 4122 version 5 layout: SHA-1 of "abc" is a9993e364706816aba3e25717850c26c9cd0d89d.
    expect(stableGuid(['abc'])).toBe('a9993e36-4706-516a-ba3e-25717850c26c');
    expect(digest(['abc'], 64)).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  };

  test('the same values with the one-shot hash', () => {
    expect(typeof nodeCrypto.hash).toBe('function');
    check();
  });

  test('the same values on a Node 20 release without crypto.hash', () => {
    const cryptoModule = jest.requireActual<{ hash?: unknown }>('node:crypto');
    const oneShot = cryptoModule.hash;
    cryptoModule.hash = undefined;
    try {
      check();
    } finally {
      cryptoModule.hash = oneShot;
    }
  });
});
