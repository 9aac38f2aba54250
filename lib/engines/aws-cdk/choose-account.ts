import { Stack, Token } from 'aws-cdk-lib';
import type { Plan } from '../../plan/plan';
import { chooseAwsAccount, type AwsAccountIndex } from '../aws-accounts';

/** The AWS account of the Plan that `stack` renders (see `chooseAwsAccount`); a token account is not known yet. */
export function chooseAccount(plan: Plan, stack: Stack, named: string | undefined, workload?: string): AwsAccountIndex {
  const accountId = Token.isUnresolved(stack.account) ? undefined : stack.account;
  return chooseAwsAccount(plan, { accountId, name: `stack ${stack.stackName}` }, named, workload);
}
