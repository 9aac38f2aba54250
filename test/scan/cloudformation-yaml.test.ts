import { InputLimitError } from '../../lib/input/limits';
import { CLOUDFORMATION_TAGS } from '../../lib/scan/cloudformation-yaml';
import { parseYamlDocuments, YamlSyntaxError } from '../../lib/scan/yaml-documents';

const parseCloudFormationYaml = (text: string) => parseYamlDocuments(text, CLOUDFORMATION_TAGS)[0]?.data;

describe('CloudFormation YAML', () => {
  test('short-form intrinsics become their long forms, in scalars, sequences and mappings', () => {
    const template = parseCloudFormationYaml(
      [
        'Resources:',
        '  Role:',
        '    Properties:',
        '      RoleName: !Sub "${AWS::StackName}-deploy"',
        '      Federated: !GetAtt Provider.Arn',
        '      Provider: !Ref Provider',
        '      Subject: !Join ["", ["repo:", !Ref Org, "/*"]]',
        '      Audience: !If [IsProd, sts.amazonaws.com, !Ref "AWS::NoValue"]',
        '      Mapped: !FindInMap [Accounts, !Ref "AWS::Region", Id]',
        '      Encoded: !Base64',
        '        Fn::Sub: "x-${Org}"',
        '      Transformed: !Transform { Name: AWS::Include }',
        '      Version: 2012-10-17',
      ].join('\n'),
    );
    expect(template).toEqual({
      Resources: {
        Role: {
          Properties: {
            RoleName: { 'Fn::Sub': '${AWS::StackName}-deploy' },
            Federated: { 'Fn::GetAtt': 'Provider.Arn' },
            Provider: { Ref: 'Provider' },
            Subject: { 'Fn::Join': ['', ['repo:', { Ref: 'Org' }, '/*']] },
            Audience: { 'Fn::If': ['IsProd', 'sts.amazonaws.com', { Ref: 'AWS::NoValue' }] },
            Mapped: { 'Fn::FindInMap': ['Accounts', { Ref: 'AWS::Region' }, 'Id'] },
            Encoded: { 'Fn::Base64': { 'Fn::Sub': 'x-${Org}' } },
            Transformed: { 'Fn::Transform': { Name: 'AWS::Include' } },
            // YAML 1.2: a date-like scalar stays text, as policy versions must.
            Version: '2012-10-17',
          },
        },
      },
    });
  });

  test('a syntax error names its line and column', () => {
    expect(() => parseCloudFormationYaml('Resources:\n  Role: {\n')).toThrow(YamlSyntaxError);
    expect(() => parseCloudFormationYaml('Resources:\n  Role: {\n')).toThrow(/^not valid YAML: .* at line \d+, column \d+$/);
  });

  test('a document that expands aliases without bound is refused', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 8 }, (_, i) => `${'bcdefghi'[i]}: &${'bcdefghi'[i]} [${Array(10).fill(`*${'abcdefgh'[i]}`).join(', ')}]`)].join('\n');
    // 10^9 nodes once expanded: the input limits refuse it before anything walks it.
    expect(() => parseCloudFormationYaml(bomb)).toThrow(InputLimitError);
    expect(() => parseCloudFormationYaml(bomb)).toThrow('aliases expand the document beyond 1,000,000 nodes; write the repeated parts out or anchor less');
  });
});
