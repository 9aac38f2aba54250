import type { TrustRule } from '../rule';

export const AUDIENCE: TrustRule = {
  id: 'WIAM-AUD-001',
  judges: 'trust',
  severity: 'error',
  title: 'Audience missing or not a single value',
  explanation:
    'The audience says which relying party a token was minted for. A trust with several audiences accepts tokens meant for other systems; an AWS trust without an audience condition relies on the provider’s client-id list alone, which other roles may widen.',
  fix: 'Pin exactly one audience (StringEquals "<issuer>:aud"; one Azure audience, api://AzureADTokenExchange by default).',
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_create_oidc.html'],
  acknowledgeable: true,
  owaspNhi: ['NHI4', 'NHI6'],
  check: (view) => {
    if (!view.complete || view.anyPrincipal) return undefined;
    const audiences = view.tests.filter((t) => t.claim === 'aud' && !t.negated);
    if (audiences.some((t) => t.values.length > 1)) return { message: `${audiences.find((t) => t.values.length > 1)!.text} accepts several audiences` };
    if (view.cloud === 'aws' && audiences.length === 0) return { message: 'the trust has no audience condition', severity: 'warning' };
    return undefined;
  },
};
