// i18n/no-jsx-literals (issue 12): text an operator reads must come from the message files
// (renderer/i18n/messages), never be written in a component. Reported: words in JSX text (<p>Saved</p>), string
// literals with words in JSX children ({busy ? 'Saving…' : 'Save'}) and in the attributes people read (title,
// aria-label, placeholder, alt, label...). Punctuation, numbers and symbols (" · ", "…", "%", "→") are allowed:
// they have no letters. Proven by test/unit/lint/i18n-literals.test.ts.

/** Attributes whose text a person reads or hears. */
export const USER_VISIBLE_ATTRIBUTES = new Set([
  'title',
  'aria-label',
  'aria-description',
  'aria-placeholder',
  'aria-roledescription',
  'aria-valuetext',
  'placeholder',
  'alt',
  'label',
]);

const hasWords = (text) => /\p{L}/u.test(text);

/** The string literals with words that an expression can evaluate to. */
function literalsIn(expression) {
  switch (expression?.type) {
    case 'Literal':
      return typeof expression.value === 'string' && hasWords(expression.value) ? [expression] : [];
    case 'TemplateLiteral':
      return expression.quasis.some((q) => hasWords(q.value.cooked ?? q.value.raw)) ? [expression] : [];
    case 'ConditionalExpression':
      return [...literalsIn(expression.consequent), ...literalsIn(expression.alternate)];
    case 'LogicalExpression':
      return expression.operator === '&&' ? literalsIn(expression.right) : [...literalsIn(expression.left), ...literalsIn(expression.right)];
    case 'TSAsExpression':
    case 'TSNonNullExpression':
      return literalsIn(expression.expression);
    default:
      return [];
  }
}

const sample = (text) => text.replace(/\s+/g, ' ').trim().slice(0, 60);

export const noJsxLiterals = {
  meta: {
    type: 'problem',
    docs: { description: 'Text shown to the operator comes from the message files, not from a literal in JSX' },
    messages: {
      text: 'Untranslated text "{{text}}": add a message (node scripts/i18n-add.mjs, see renderer/i18n/README.md) and use t(\'...\')',
      attribute:
        'Untranslated {{name}} "{{text}}": add a message (node scripts/i18n-add.mjs, see renderer/i18n/README.md) and use {{name}}={t(\'...\')}',
    },
    schema: [],
  },
  create(context) {
    return {
      JSXText(node) {
        if (hasWords(node.value)) context.report({ node, messageId: 'text', data: { text: sample(node.value) } });
      },
      JSXExpressionContainer(node) {
        if (node.parent.type !== 'JSXElement' && node.parent.type !== 'JSXFragment') return;
        for (const literal of literalsIn(node.expression))
          context.report({ node: literal, messageId: 'text', data: { text: sample(context.sourceCode.getText(literal)) } });
      },
      JSXAttribute(node) {
        const name = node.name.type === 'JSXIdentifier' ? node.name.name : null;
        if (!name || !USER_VISIBLE_ATTRIBUTES.has(name) || !node.value) return;
        const literals = node.value.type === 'JSXExpressionContainer' ? literalsIn(node.value.expression) : literalsIn(node.value);
        for (const literal of literals)
          context.report({ node: literal, messageId: 'attribute', data: { name, text: sample(context.sourceCode.getText(literal)) } });
      },
    };
  },
};

export const i18nPlugin = { meta: { name: 'i18n-local' }, rules: { 'no-jsx-literals': noJsxLiterals } };
