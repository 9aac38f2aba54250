import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { testStack } from './helpers';
import { WorkloadIdentities } from '../../../lib/engines/aws-cdk';
import type { DeclarationInput } from '../../../lib/index';

// The rules run on the Plan before the constructs render it; their findings become CDK annotations on the role's
// construct: errors (which fail `cdk synth`), warnings with a `workload-iam:<rule>` id, and infos for findings the
// declaration acknowledged.

const ACCOUNT = { 'aws-prod': { cloud: 'aws' as const, accountId: '111122223333' } };
const BUCKET = 'arn:aws:s3:::acme-site';

function declaration(workload: Record<string, unknown>): DeclarationInput {
  return {
    version: 1,
    accounts: ACCOUNT,
    workloads: [
      { name: 'site', identities: [{ github: { repository: 'acme/site', ownerId: '65', repositoryId: '912', environment: 'production' } }], grants: { 'aws-prod': [{ resource: BUCKET, access: 'write' }] }, ...workload },
    ],
  } as DeclarationInput;
}

function annotationsOf(input: DeclarationInput): Annotations {
  const stack = testStack();
  new WorkloadIdentities(stack, 'Ci', { declaration: input });
  return Annotations.fromStack(stack);
}

describe('rule findings as CDK annotations', () => {
  test('a rule error (pull-request runs on a role that writes) is an error annotation naming the rule, path and fix', () => {
    const annotations = annotationsOf(declaration({ identities: [{ github: { repository: 'acme/site', ownerId: '65', repositoryId: '912', pullRequest: true } }] }));
    annotations.hasError(
      '/Test/Ci/site',
      '[WIAM-GH-001] workloads[site].identities[0]: pull_request runs are admitted, and the access granted changes state. Fix: Trust an environment with required reviewers or a protected branch for write access; give pull-request runs a separate, read-only workload.',
    );
  });

  test('a warning is a CDK warning with a workload-iam:<rule> id that CDK can acknowledge', () => {
    const annotations = annotationsOf(declaration({ sessionDuration: '2h' }));
    annotations.hasWarning('/Test/Ci/site', Match.stringLikeRegexp('^\\[WIAM-SESSION-001\\] workloads\\[site\\]\\.sessionDuration: sessions last up to 2 h\\. Fix: .*\\[ack: workload-iam:WIAM-SESSION-001\\]$'));
    annotations.hasNoError('*', Match.anyValue());
  });

  test('a finding the declaration acknowledged is an info that carries the reason, and blocks nothing', () => {
    const reason = 'the nightly export runs for 90 minutes without a chance to renew';
    const annotations = annotationsOf(declaration({ sessionDuration: '2h', acknowledge: [{ rule: 'WIAM-SESSION-001', reason }] }));
    annotations.hasInfo('/Test/Ci/site', Match.stringLikeRegexp(`^\\[WIAM-SESSION-001\\] .* \\(acknowledged: ${reason}\\)$`));
    annotations.hasNoWarning('*', Match.anyValue());
    annotations.hasNoError('*', Match.anyValue());
  });

  test('a workload the rules have nothing to say about gets no annotation', () => {
    const annotations = annotationsOf(declaration({}));
    annotations.hasNoError('*', Match.anyValue());
    annotations.hasNoWarning('*', Match.anyValue());
    annotations.hasNoInfo('*', Match.anyValue());
  });
});
