/**
 * The wildcard match shared by AWS `StringLike` and Entra `matches`: `*` stands for any run of characters
 * (including none) and `?` for exactly one; every other character, `/` and `:` included, matches only itself,
 * case-sensitively. The whole value must match (anchored at both ends). Characters are Unicode code points, so
 * `?` never matches half of a surrogate pair.
 */
export function globMatches(pattern: string, value: string): boolean {
  const wanted = Array.from(pattern);
  const text = Array.from(value);
  let p = 0;
  let t = 0;
  // Where the last `*` was seen, and which text position it currently absorbs up to; on a mismatch the
  // star absorbs one more character and matching resumes after it.
  let star = -1;
  let resume = 0;
  while (t < text.length) {
    if (p < wanted.length && (wanted[p] === '?' || (wanted[p] !== '*' && wanted[p] === text[t]))) {
      p++;
      t++;
    } else if (p < wanted.length && wanted[p] === '*') {
      star = p++;
      resume = t;
    } else if (star >= 0) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (p < wanted.length && wanted[p] === '*') p++;
  return p === wanted.length;
}
