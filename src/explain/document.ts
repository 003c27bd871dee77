/**
 * A small document model for explanations (worked solutions, traces): headings, paragraphs with inline math,
 * display math, lists, tables and figures. Builders in src/explain/ produce it; renderers in src/render/
 * (Markdown, HTML with KaTeX, LaTeX) only lay it out, so every format says the same thing.
 */

/** A piece of running text. Math carries both LaTeX and a plain-text form (for formats without math). */
export type Inline =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'math'; readonly tex: string; readonly text: string }
  | { readonly kind: 'strong'; readonly text: string }
  | { readonly kind: 'code'; readonly text: string };

/** One block of a document. */
export type Block =
  | { readonly kind: 'heading'; readonly level: 1 | 2 | 3; readonly text: string; readonly id?: string }
  | { readonly kind: 'paragraph'; readonly content: readonly Inline[] }
  /** Display math, one formula per line (aligned at `&` where the format can align). */
  | { readonly kind: 'math'; readonly lines: readonly { readonly tex: string; readonly text: string }[] }
  | { readonly kind: 'list'; readonly items: readonly (readonly Inline[])[] }
  | { readonly kind: 'table'; readonly header: readonly (readonly Inline[])[]; readonly rows: readonly (readonly (readonly Inline[])[])[]; readonly numeric?: readonly boolean[] }
  /** A picture: its SVG when one was drawn, always its Graphviz DOT source; `file` is where the SVG was saved beside the document, if it was. */
  | { readonly kind: 'figure'; readonly dot: string; readonly svg?: string; readonly caption: string; readonly file?: string }
  | { readonly kind: 'code'; readonly text: string };

/** A whole document. */
export interface Doc {
  readonly title: string;
  readonly blocks: readonly Block[];
}

/** Plain text. */
export const text = (value: string): Inline => ({ kind: 'text', text: value });

/** Inline math with its plain-text form. */
export const math = (tex: string, plain: string): Inline => ({ kind: 'math', tex, text: plain });

/** Bold text. */
export const strong = (value: string): Inline => ({ kind: 'strong', text: value });

/** Code (an expression as the user would type it). */
export const code = (value: string): Inline => ({ kind: 'code', text: value });

/** A paragraph. */
export const paragraph = (...content: Inline[]): Block => ({ kind: 'paragraph', content });

/** A heading. */
export const heading = (level: 1 | 2 | 3, value: string, id?: string): Block => ({ kind: 'heading', level, text: value, id });

/** The plain text of inline content (what a format without math shows). */
export function plain(content: readonly Inline[]): string {
  return content.map((piece) => piece.text).join('');
}
