import { sortedRecord } from '../lib/stable';

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
