import fc from 'fast-check';
import { compareText, sortedRecord } from '../lib/stable';

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
