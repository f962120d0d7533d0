import { describe, expect, it } from 'vitest';
import { CompiledTemplate, TemplateError, checkTemplate, parseTemplate } from '../../../src/core/template';
import { MAX_SPINTAX_DEPTH, MAX_TEMPLATE_ERRORS, MAX_TEMPLATE_LENGTH, templateLimitProblem } from '../../../src/core/template-syntax';
import { seededRandom } from '../../fakes/seeded-random';

const contact = (fields: Record<string, string>, phone = '+14155550100') => ({ phone, fields });
const render = (src: string, fields: Record<string, string>, phone?: string, seed = 'c_test') =>
  CompiledTemplate.compile(src).render(contact(fields, phone), seed);

describe('placeholders', () => {
  it('fills columns matched case- and space-insensitively', () => {
    const out = render('Hi {{First Name}}, your code is {{ CODE }}.', { first_name: 'Ana', Code: '42' });
    expect(out).toEqual({ text: 'Hi Ana, your code is 42.', emptyPlaceholders: [] });
    expect(render('{{firstname}}', { 'FIRST NAME': 'Bo' }).text).toBe('Bo');
  });

  it('uses the fallback when the value is empty or missing, and reports empties without one', () => {
    expect(render('Hi {{name|there}}!', { name: '  ' }).text).toBe('Hi there!');
    expect(render('Hi {{name|there}}!', {}).text).toBe('Hi there!');
    expect(render('Hi {{name|}}!', {}).text).toBe('Hi !');
    expect(render('Hi {{name}}!', { name: '' })).toEqual({ text: 'Hi !', emptyPlaceholders: ['name'] });
  });

  it('keeps WhatsApp formatting and escaped braces literally', () => {
    expect(render('*Bold* _it_ ~st~ ```code``` {{n}}', { n: 'x' }).text).toBe('*Bold* _it_ ~st~ ```code``` x');
    expect(render('Use \\{{name\\}} and \\{a\\|b\\} and \\\\', { name: 'no' }).text).toBe('Use {{name}} and {a|b} and \\');
    expect(render('a | b', {}).text).toBe('a | b');
    expect(render('{note}', {}).text).toBe('{note}');
  });
});

describe('spintax', () => {
  it('picks one option, nested, and always the same one for the same contact and campaign', () => {
    const src = '{Hi|Hello|Hey} {{name}}, {how are you|{good|great} to {see|meet} you}?';
    const first = render(src, { name: 'Ana' }, '+111');
    for (let i = 0; i < 5; i++) expect(render(src, { name: 'Ana' }, '+111').text).toBe(first.text);
    expect(first.text).toMatch(/^(Hi|Hello|Hey) Ana, (how are you|(good|great) to (see|meet) you)\?$/);
  });

  it('varies across contacts and reaches every option', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) seen.add(render('{a|b|c}', {}, `+1415555${String(i).padStart(4, '0')}`).text);
    expect([...seen].sort()).toEqual(['a', 'b', 'c']);
  });

  it('depends on the campaign id too', () => {
    const texts = new Set<string>();
    for (let i = 0; i < 30; i++) texts.add(render('{1|2|3|4|5|6|7|8}', {}, '+111', `c_${i}`).text);
    expect(texts.size).toBeGreaterThan(1);
  });

  it('renders placeholders inside options and counts variants', () => {
    expect(render('{{{name}}|{{name}}}', { name: 'Zoe' }).text).toBe('Zoe');
    expect(CompiledTemplate.compile('{a|b} {c|{d|e}} x').variants()).toBe(6);
    expect(CompiledTemplate.compile('plain').variants()).toBe(1);
  });
});

describe('syntax errors', () => {
  it('names the position of unclosed braces and stray closers', () => {
    const unclosed = parseTemplate('Hello {there|you');
    expect(unclosed.ok).toBe(false);
    if (!unclosed.ok) expect(unclosed.errors[0]!.message).toMatch(/"\{" at position 7 is never closed/);
    const field = parseTemplate('Hi {{name');
    if (field.ok) throw new Error('expected an error');
    expect(field.errors[0]!.message).toMatch(/"\{\{" at position 4/);
    const stray = parseTemplate('oops } here');
    if (stray.ok) throw new Error('expected an error');
    expect(stray.errors[0]!.index).toBe(5);
    expect(parseTemplate('{{ }}').ok).toBe(false);
    expect(() => CompiledTemplate.compile('{a|b')).toThrow(TemplateError);
  });
});

describe('checkTemplate', () => {
  const contacts = [
    { row: 2, phone: '+1', fields: { Name: 'Ana', City: 'Rome' } },
    { row: 3, phone: '+2', fields: { Name: '', City: 'Oslo' } },
    { row: 4, phone: '+3', fields: { Name: ' ', City: '' } },
  ];

  it('lists unknown placeholders and contacts with empty fields lacking a fallback', () => {
    const report = checkTemplate('Hi {{name}} from {{city|your town}}, {{Order Id}}', ['Name', 'City'], contacts);
    expect(report.errors).toEqual([]);
    expect(report.unknownPlaceholders).toEqual(['Order Id']);
    expect(report.emptyFields.total).toBe(2);
    expect(report.emptyFields.sample).toEqual([
      { row: 3, phone: '+2', placeholders: ['name'] },
      { row: 4, phone: '+3', placeholders: ['name'] },
    ]);
  });

  it('returns syntax errors instead of throwing', () => {
    const report = checkTemplate('{{name', ['Name'], contacts);
    expect(report.errors).toHaveLength(1);
  });

  it('caps the sample but counts all', () => {
    const many = Array.from({ length: 120 }, (_, i) => ({ row: i + 2, phone: `+${i}`, fields: { Name: '' } }));
    const report = checkTemplate('{{name}}', ['Name'], many, 10);
    expect(report.emptyFields.total).toBe(120);
    expect(report.emptyFields.sample).toHaveLength(10);
  });
});

describe('limits: no template can overflow the parser or take seconds', () => {
  const depthProblem = (errors: Array<{ message: string }>) => errors.some((e) => e.message.includes(`the limit is ${MAX_SPINTAX_DEPTH} levels`));

  it('refuses spintax nested deeper than the limit, naming it, without recursing that deep', () => {
    const within = '{a|'.repeat(MAX_SPINTAX_DEPTH) + 'x' + '}'.repeat(MAX_SPINTAX_DEPTH);
    expect(parseTemplate(within).ok).toBe(true);
    expect(templateLimitProblem(within)).toBeNull();
    const oneMore = '{a|'.repeat(MAX_SPINTAX_DEPTH + 1) + 'x' + '}'.repeat(MAX_SPINTAX_DEPTH + 1);
    const message = `"{" at position ${3 * MAX_SPINTAX_DEPTH + 1} nests spintax more than ${MAX_SPINTAX_DEPTH} levels deep; the limit is ${MAX_SPINTAX_DEPTH} levels`;
    expect(parseTemplate(oneMore)).toEqual({
      ok: false,
      errors: [
        {
          index: 3 * MAX_SPINTAX_DEPTH,
          message,
          code: 'tooDeep',
          values: { token: '{', position: 3 * MAX_SPINTAX_DEPTH + 1, max: MAX_SPINTAX_DEPTH },
        },
      ],
    });
    expect(templateLimitProblem(oneMore)).toBe(message);
    // Used to be a stack overflow (after seconds for "{{{"): now one error, at once.
    for (const src of ['{'.repeat(60_000), '{{{'.repeat(20_000) + '}}}'.repeat(1_000), '{|'.repeat(20_000) + '}'.repeat(20_000)]) {
      const parsed = parseTemplate(src);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(depthProblem(parsed.errors)).toBe(true);
      expect(() => CompiledTemplate.compile(src)).toThrow(TemplateError);
      expect(checkTemplate(src, [], []).errors).toHaveLength(1);
    }
  });

  it('refuses a template longer than the limit, naming it', () => {
    const long = 'x'.repeat(MAX_TEMPLATE_LENGTH + 1);
    expect(parseTemplate('x'.repeat(MAX_TEMPLATE_LENGTH)).ok).toBe(true);
    expect(parseTemplate(long)).toEqual({
      ok: false,
      errors: [
        {
          index: MAX_TEMPLATE_LENGTH,
          message: 'the template is 65,537 characters long; the limit is 65,536',
          code: 'tooLong',
          values: { length: MAX_TEMPLATE_LENGTH + 1, max: MAX_TEMPLATE_LENGTH },
        },
      ],
    });
    expect(templateLimitProblem(long)).toBe('the template is 65,537 characters long; the limit is 65,536');
  });

  it('lists at most the first problems, and quotes only the start of a long placeholder', () => {
    const parsed = parseTemplate('}'.repeat(60_000)); // "}}" pairs: one problem each
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.errors).toHaveLength(MAX_TEMPLATE_ERRORS + 1);
      expect(parsed.errors.at(-1)!.message).toBe(`more problems from position 41 on (only the first ${MAX_TEMPLATE_ERRORS} are listed)`);
    }
    const named = parseTemplate(`{{${'a'.repeat(50_000)}{}}`);
    expect(named.ok).toBe(false);
    if (!named.ok) expect(named.errors[0]!.message).toBe(`placeholder "{{${'a'.repeat(40)}…}}" at position 1 contains "{"`);
  });

  it('the one-pass check agrees with the parser on where nesting breaks the limit (random templates)', () => {
    const random = seededRandom(13);
    const pieces = ['{', '{', '{', '}', '|', '{{', '}}', '\\{', '\\}', '\\\\', 'a', '{{name}}', '{{{'];
    for (let n = 0; n < 3000; n++) {
      let src = '';
      const length = 1 + Math.floor(random() * 120);
      for (let i = 0; i < length; i++) src += pieces[Math.floor(random() * pieces.length)];
      const parsed = parseTemplate(src);
      const parserSays = parsed.ok ? null : (parsed.errors.find((e) => e.message.includes('nests spintax'))?.message ?? null);
      const scanSays = templateLimitProblem(src);
      // The parser may stop earlier at its error cap; otherwise both name the same "{".
      if (parsed.ok || parsed.errors.length <= MAX_TEMPLATE_ERRORS) expect({ src, says: scanSays }).toEqual({ src, says: parserSays });
    }
  });
});
