import { markInterpolations, markInterpolationsDeep } from '../../lib/scan/terraform-interpolation';
import { isUnresolved, placeholderText, readable } from '../../lib/scan/unresolved';

describe('markInterpolations', () => {
  test('interpolations become placeholders that read back as written', () => {
    const marked = markInterpolations('repo:${var.org}/web:environment:${each.key}');
    expect(isUnresolved(marked)).toBe(true);
    expect(readable(marked)).toBe('repo:${var.org}/web:environment:${each.key}');
  });

  test('a reference alone is one placeholder', () => {
    expect(placeholderText(markInterpolations('${aws_iam_role.deploy.name}'))).toBe('${aws_iam_role.deploy.name}');
  });

  test('nested braces and quoted braces stay inside one placeholder', () => {
    const text = '${jsonencode({ a = "}" , b = { c = 1 } })}';
    expect(placeholderText(markInterpolations(text))).toBe(text);
  });

  test('template directives are unknown too', () => {
    expect(isUnresolved(markInterpolations('%{ if var.prod }production%{ endif }'))).toBe(true);
  });

  test('$${ and %%{ are literal', () => {
    expect(markInterpolations('$${not.interpolated} %%{nor.this}')).toBe('${not.interpolated} %{nor.this}');
  });

  test('plain text is unchanged', () => {
    expect(markInterpolations('repo:octo-org/web:environment:production')).toBe('repo:octo-org/web:environment:production');
  });

  test('every string value of a block is marked, keys are not', () => {
    const marked = markInterpolationsDeep({ '${k}': ['${v}', 3] }) as Record<string, unknown[]>;
    expect(Object.keys(marked)).toEqual(['${k}']);
    expect(placeholderText(marked['${k}'][0] as string)).toBe('${v}');
    expect(marked['${k}'][1]).toBe(3);
  });
});
