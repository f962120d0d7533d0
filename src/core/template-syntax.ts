/**
 * Parses a message template into a small tree:
 * - `{{column}}` and `{{column|fallback}}` placeholders (column names match case- and space-insensitively);
 * - spintax groups `{Hi|Hello|Hey}`, nested to any depth; a group with one option (`{note}`) stays literal text;
 * - `\{`, `\}`, `\|` and `\\` for literal characters; everything else, WhatsApp's `*bold*` and `_italic_`
 *   included, is kept as written.
 */

export type TemplateNode =
  | { kind: 'text'; text: string }
  | { kind: 'field'; name: string; key: string; fallback: string | null; index: number }
  | { kind: 'spin'; options: TemplateNode[][]; index: number };

export interface TemplateSyntaxError {
  index: number;
  message: string;
}

export type ParsedTemplate = { ok: true; nodes: TemplateNode[] } | { ok: false; errors: TemplateSyntaxError[] };

/** How a column name and a placeholder are compared: case, spaces, `_` and `-` do not matter. */
export function fieldKey(name: string): string {
  return name.toLowerCase().replace(/[\s_-]+/g, '');
}

const ESCAPABLE = new Set(['{', '}', '|', '\\']);

class Parser {
  private pos = 0;
  readonly errors: TemplateSyntaxError[] = [];

  constructor(private readonly src: string) {}

  /** Parses a sequence until end of input, or (inside a group) until `|` or `}`. */
  sequence(inGroup: boolean): TemplateNode[] {
    const nodes: TemplateNode[] = [];
    let text = '';
    const flush = () => {
      if (text) nodes.push({ kind: 'text', text });
      text = '';
    };
    while (this.pos < this.src.length) {
      const ch = this.src[this.pos]!;
      const next = this.src[this.pos + 1];
      if (ch === '\\' && next !== undefined && ESCAPABLE.has(next)) {
        text += next;
        this.pos += 2;
      } else if (ch === '{' && next === '{' && this.src[this.pos + 2] !== '{') {
        // `{{{name}}|...}` is a group starting with a placeholder, so `{{` only opens one when not tripled.
        flush();
        const field = this.field();
        if (field) nodes.push(field);
      } else if (ch === '{') {
        flush();
        nodes.push(...this.group());
      } else if (inGroup && (ch === '|' || ch === '}')) {
        break;
      } else if (ch === '}' && next === '}') {
        this.errors.push({ index: this.pos, message: `"}}" at position ${this.pos + 1} closes no "{{"` });
        this.pos += 2;
      } else if (ch === '}') {
        this.errors.push({
          index: this.pos,
          message: `"}" at position ${this.pos + 1} closes no "{" (write \\} for a literal brace)`,
        });
        this.pos += 1;
      } else {
        text += ch;
        this.pos += 1;
      }
    }
    flush();
    return nodes;
  }

  private field(): TemplateNode | null {
    const start = this.pos;
    const end = this.src.indexOf('}}', start + 2);
    if (end < 0) {
      this.errors.push({ index: start, message: `"{{" at position ${start + 1} is never closed with "}}"` });
      this.pos = this.src.length;
      return null;
    }
    const inner = this.src.slice(start + 2, end);
    this.pos = end + 2;
    const bar = inner.indexOf('|');
    const name = (bar < 0 ? inner : inner.slice(0, bar)).trim();
    const fallback = bar < 0 ? null : inner.slice(bar + 1).replace(/\\([{}|\\])/g, '$1');
    if (!name) {
      this.errors.push({ index: start, message: `placeholder at position ${start + 1} has no column name` });
      return null;
    }
    if (name.includes('{')) {
      this.errors.push({ index: start, message: `placeholder "{{${name}}}" at position ${start + 1} contains "{"` });
      return null;
    }
    return { kind: 'field', name, key: fieldKey(name), fallback, index: start };
  }

  /** A `{...}` group: spintax when it has `|`, otherwise literal braces around its content. */
  private group(): TemplateNode[] {
    const start = this.pos;
    this.pos += 1;
    const options: TemplateNode[][] = [this.sequence(true)];
    while (this.src[this.pos] === '|') {
      this.pos += 1;
      options.push(this.sequence(true));
    }
    if (this.src[this.pos] !== '}') {
      this.errors.push({
        index: start,
        message: `"{" at position ${start + 1} is never closed with "}" (write \\{ for a literal brace)`,
      });
      return [];
    }
    this.pos += 1;
    if (options.length === 1) return [{ kind: 'text', text: '{' }, ...options[0]!, { kind: 'text', text: '}' }];
    return [{ kind: 'spin', options, index: start }];
  }
}

export function parseTemplate(src: string): ParsedTemplate {
  const parser = new Parser(src);
  const nodes = parser.sequence(false);
  return parser.errors.length > 0 ? { ok: false, errors: parser.errors } : { ok: true, nodes };
}
