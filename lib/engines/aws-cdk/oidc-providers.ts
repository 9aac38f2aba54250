import { Stack } from 'aws-cdk-lib';
import { CfnOIDCProvider } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { tooManyClientIds } from '../../declaration/error-factories';
import { LIMITS } from '../../plan/limits';
import type { AwsOidcProvider } from '../../plan/plan';

const ID = 'WorkloadIamOidcProviders';

/**
 * The IAM OIDC providers created in one stack: one per issuer, shared by every role of the stack that trusts it.
 * Native `AWS::IAM::OIDCProvider` resources, so no custom-resource Lambda. Roles reference a provider by the literal
 * ARN in their trust policy; the renderer adds the dependency.
 */
export class OidcProviders extends Construct {
  /** The providers of `stack`, created on first use. */
  public static of(stack: Stack): OidcProviders {
    return (stack.node.tryFindChild(ID) as OidcProviders | undefined) ?? new OidcProviders(stack, ID);
  }

  private readonly providers = new Map<string, CfnOIDCProvider>();

  /**
   * The provider of this Plan element. Renderings of one Plan give it the same client ids; another Plan trusting the
   * same issuer in this stack adds its own, so the provider lists every client id a role here needs.
   */
  public provide(provider: AwsOidcProvider): CfnOIDCProvider {
    const existing = this.providers.get(provider.arn);
    if (!existing) {
      // A `/` would nest the construct id; escaping keeps one readable id per issuer.
      const id = provider.key.replace(/%/g, '%25').replace(/\//g, '%2F');
      const resource = new CfnOIDCProvider(this, id, { url: provider.url, clientIdList: [...provider.clientIds] });
      this.providers.set(provider.arn, resource);
      return resource;
    }
    const clientIds = existing.clientIdList ?? [];
    if (provider.clientIds.some((clientId) => !clientIds.includes(clientId))) {
      const merged = [...new Set([...clientIds, ...provider.clientIds])].sort();
      if (merged.length > LIMITS.aws.clientIdsPerProvider) {
        throw tooManyClientIds('oidcProviderStack', provider.key, Stack.of(this).stackName, merged.length, LIMITS.aws.clientIdsPerProvider);
      }
      existing.clientIdList = merged;
    }
    return existing;
  }
}
