/**
 * Renders a message template for one contact and checks a template against a contact list. Shared by the
 * renderer's preview and the sender, so what the operator previews is exactly what is sent.
 */
import { contactRandom, pickIndex } from './spintax';
import { fieldKey, parseTemplate, type TemplateNode, type TemplateSyntaxError } from './template-syntax';

export { fieldKey, parseTemplate, type TemplateNode, type TemplateSyntaxError } from './template-syntax';

export interface TemplateContact {
  phone: string;
  fields: Record<string, string>;
}

export interface RenderedMessage {
  text: string;
  /** Placeholders (as written) that were empty for this contact and had no fallback. */
  emptyPlaceholders: string[];
}

/** A contact's fields looked up by normalised column name; the first non-empty column with a key wins. */
export function fieldLookup(fields: Record<string, string>): Map<string, string> {
  const byKey = new Map<string, string>();
  for (const [name, value] of Object.entries(fields)) {
    const key = fieldKey(name);
    if (!byKey.get(key)) byKey.set(key, value);
  }
  return byKey;
}

function renderNodes(nodes: TemplateNode[], fields: Map<string, string>, random: () => number, out: { text: string; empty: string[] }): void {
  for (const node of nodes) {
    if (node.kind === 'text') {
      out.text += node.text;
    } else if (node.kind === 'field') {
      const value = (fields.get(node.key) ?? '').trim();
      if (value) out.text += value;
      else if (node.fallback !== null) out.text += node.fallback;
      else if (!out.empty.includes(node.name)) out.empty.push(node.name);
    } else {
      // Draw for every group in document order, so one contact's choices never depend on other contacts.
      const chosen = node.options[pickIndex(random, node.options.length)]!;
      renderNodes(chosen, fields, random, out);
    }
  }
}

/** Renders parsed nodes for a contact; spintax choices are seeded by campaign id and phone. */
export function renderNodesFor(nodes: TemplateNode[], contact: TemplateContact, seedId: string): RenderedMessage {
  const out = { text: '', empty: [] as string[] };
  renderNodes(nodes, fieldLookup(contact.fields), contactRandom(seedId, contact.phone), out);
  return { text: out.text, emptyPlaceholders: out.empty };
}

export class TemplateError extends Error {
  constructor(readonly errors: TemplateSyntaxError[]) {
    super(`The message template is invalid: ${errors.map((e) => e.message).join('; ')}`);
    this.name = 'TemplateError';
  }
}

/** A template parsed once and rendered for many contacts. */
export class CompiledTemplate {
  private constructor(
    readonly source: string,
    readonly nodes: TemplateNode[],
  ) {}

  /** Throws TemplateError (listing every syntax problem) when the template cannot be parsed. */
  static compile(source: string): CompiledTemplate {
    const parsed = parseTemplate(source);
    if (!parsed.ok) throw new TemplateError(parsed.errors);
    return new CompiledTemplate(source, parsed.nodes);
  }

  render(contact: TemplateContact, seedId: string): RenderedMessage {
    return renderNodesFor(this.nodes, contact, seedId);
  }

  /** Every placeholder the template uses (as first written), in order, each once. */
  placeholders(): Array<{ name: string; key: string; hasFallback: boolean }> {
    const seen = new Map<string, { name: string; key: string; hasFallback: boolean }>();
    const walk = (nodes: TemplateNode[]) => {
      for (const node of nodes) {
        if (node.kind === 'field') {
          const known = seen.get(node.key);
          if (!known) seen.set(node.key, { name: node.name, key: node.key, hasFallback: node.fallback !== null });
          else if (node.fallback === null) known.hasFallback = false;
        } else if (node.kind === 'spin') node.options.forEach(walk);
      }
    };
    walk(this.nodes);
    return [...seen.values()];
  }

  /** How many different texts the spintax can produce, capped. */
  variants(cap = 1e9): number {
    const count = (nodes: TemplateNode[]): number => {
      let product = 1;
      for (const node of nodes) {
        if (node.kind === 'spin') product *= node.options.reduce((sum, option) => sum + count(option), 0);
        if (product > cap) return cap;
      }
      return product;
    };
    return Math.min(cap, count(this.nodes));
  }
}

export interface TemplateReport {
  errors: TemplateSyntaxError[];
  unknownPlaceholders: string[];
  emptyFields: { total: number; sample: Array<{ row: number; phone: string; placeholders: string[] }> };
  variants: number;
}

/**
 * What the operator should see before starting: syntax errors, placeholders naming no column, and contacts for
 * whom a placeholder without fallback would render empty (only placeholders that are actual columns count there).
 */
export function checkTemplate(
  source: string,
  columns: readonly string[],
  contacts: Iterable<TemplateContact & { row: number }>,
  sampleSize = 50,
): TemplateReport {
  const parsed = parseTemplate(source);
  if (!parsed.ok) {
    return { errors: parsed.errors, unknownPlaceholders: [], emptyFields: { total: 0, sample: [] }, variants: 0 };
  }
  const template = CompiledTemplate.compile(source);
  const columnKeys = new Set(columns.map(fieldKey));
  const placeholders = template.placeholders();
  const unknownPlaceholders = placeholders.filter((p) => !columnKeys.has(p.key)).map((p) => p.name);
  const required = placeholders.filter((p) => columnKeys.has(p.key) && !p.hasFallback);
  const emptyFields = { total: 0, sample: [] as Array<{ row: number; phone: string; placeholders: string[] }> };
  if (required.length > 0) {
    for (const contact of contacts) {
      const fields = fieldLookup(contact.fields);
      const empty = required.filter((p) => !(fields.get(p.key) ?? '').trim()).map((p) => p.name);
      if (empty.length === 0) continue;
      emptyFields.total += 1;
      if (emptyFields.sample.length < sampleSize) emptyFields.sample.push({ row: contact.row, phone: contact.phone, placeholders: empty });
    }
  }
  return { errors: [], unknownPlaceholders, emptyFields, variants: template.variants() };
}
