import { memoized } from '../lib/memo';

describe('memoized', () => {
  test('reads each key once and shares a frozen result', () => {
    const reads: string[] = [];
    const lengthOf = memoized((key: string) => {
      reads.push(key);
      return { length: key.length };
    });
    const first = lengthOf('https://gitlab.com');
    expect(lengthOf('https://gitlab.com')).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(reads).toEqual(['https://gitlab.com']);
  });

  test('remembers undefined results too', () => {
    let reads = 0;
    const none = memoized(() => {
      reads++;
      return undefined;
    });
    none('a');
    none('a');
    expect(reads).toBe(1);
  });

  test('forgets past its capacity and reads again with the same result', () => {
    const reads: string[] = [];
    const upper = memoized((key: string) => {
      reads.push(key);
      return key.toUpperCase();
    }, 2);
    expect(['a', 'b', 'c', 'a'].map(upper)).toEqual(['A', 'B', 'C', 'A']);
    expect(reads).toEqual(['a', 'b', 'c', 'a']);
  });
});
