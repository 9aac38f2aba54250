import { join } from 'node:path';
import { loadDeclarationFile } from '../../lib/declaration/load';
import { buildManifest, type Manifest } from '../../lib/manifest/manifest';
import { nearest, nearIdentities, nearResources } from '../../lib/manifest/near-matches';
import { compile } from '../../lib/plan/compile';

/** "Did you mean": the near matches offered when a reachability query answers nothing. */

describe('nearest', () => {
  test('a typo within the limit is suggested; the exact word never is', () => {
    expect(nearest('ordres', ['orders', 'users', 'ordres'])).toEqual(['orders']);
  });

  test('only the nearest candidates, sorted, at most three', () => {
    expect(nearest('ab', ['xb', 'ax', 'a', 'abcd'])).toEqual(['a', 'ax', 'xb']);
    expect(nearest('aaaaa', ['aaaab', 'aaaba', 'aabaa', 'abaaa', 'baaaa'])).toEqual(['aaaab', 'aaaba', 'aabaa']);
  });

  test('two edits for short words, one in five characters for long ones', () => {
    expect(nearest('web', ['wxyz'])).toEqual([]);
    expect(nearest('web', ['wxy'])).toEqual(['wxy']);
    const arn = 'arn:aws:dynamodb:eu-west-1:111122223333:table/orders';
    expect(arn.length).toBe(52);
    const tenEdits = arn.replace('111122223333', '999999999933');
    const elevenEdits = arn.replace('111122223333', '999999999993');
    expect(nearest(arn, [tenEdits])).toEqual([tenEdits]);
    expect(nearest(arn, [elevenEdits])).toEqual([]);
  });

  test('case is ignored only when asked', () => {
    expect(nearest('GITHUB', ['github'])).toEqual([]);
    expect(nearest('GITHUB', ['github'], { ignoreCase: true })).toEqual(['github']);
  });
});

describe('on the example manifest', () => {
  let manifest: Manifest;
  beforeAll(() => {
    const model = loadDeclarationFile(join(__dirname, '..', '..', 'examples', 'workloads.yaml'));
    manifest = buildManifest(model, compile(model));
  });

  test('a resource one letter off, or in the wrong region, is offered the one the manifest grants', () => {
    expect(nearResources(manifest, 'arn:aws:dynamodb:eu-west-1:111122223333:table/order')).toEqual(['arn:aws:dynamodb:eu-west-1:111122223333:table/orders']);
    expect(nearResources(manifest, 'arn:aws:dynamodb:eu-west-2:111122223333:table/orders')).toEqual(['arn:aws:dynamodb:eu-west-1:111122223333:table/orders']);
    expect(nearResources(manifest, '//storage.googleapis.com/projects/_/buckets/acme-wbe')).toEqual(['//storage.googleapis.com/projects/_/buckets/acme-web']);
  });

  test('a resource unlike any granted one is offered nothing', () => {
    expect(nearResources(manifest, 'arn:aws:sqs:us-east-1:999999999999:jobs')).toEqual([]);
  });

  test('identity labels are offered at the prefix a selector stops at, and workload names whole', () => {
    expect(nearIdentities(manifest, 'github:acme/wbe')).toEqual(['github:acme/web']);
    expect(nearIdentities(manifest, 'github:acme/web:environment:productoin')).toEqual(['github:acme/web:environment:production']);
    expect(nearIdentities(manifest, 'web-deplyo')).toEqual(['web-deploy']);
    expect(nearIdentities(manifest, 'github:acme/nothing')).toEqual([]);
  });
});
