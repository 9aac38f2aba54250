import fc from 'fast-check';
import { compareText, sortedIndexes, sortedRecord, sortedUnique } from '../lib/stable';

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
