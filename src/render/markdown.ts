/** Renders explanation documents as Markdown with `$…$` math, which GitHub, GitLab and most Markdown viewers render. */
import type { Block, Doc, Inline } from '../explain/document.js';

/** Markdown for one or more documents (several get a contents list). */
export function renderMarkdown(docs: readonly Doc[], options: { title?: string } = {}): string {
  const parts: string[] = [];
  if (docs.length > 1 || options.title) {
    parts.push(`# ${escapeText(options.title ?? 'Worked solutions')}`);
    if (docs.length > 1) parts.push(docs.map((doc, i) => `${i + 1}. [${escapeText(doc.title)}](#${anchor(doc.title)})`).join('\n'));
  }
  const level = parts.length > 0 ? 2 : 1;
  for (const doc of docs) {
    parts.push(`${'#'.repeat(level)} ${escapeText(doc.title)}`);
    for (const block of doc.blocks) parts.push(renderBlock(block, level));
  }
  return `${parts.join('\n\n')}\n`;
}

function renderBlock(block: Block, base: number): string {
  switch (block.kind) {
    case 'heading':
      return `${'#'.repeat(Math.min(6, base + block.level))} ${escapeText(block.text)}`;
    case 'paragraph':
      return inline(block.content);
    case 'math':
      return block.lines.length === 1
        ? `$$\n${block.lines[0]!.tex.replace(/^&/, '').replace('&=', '=')}\n$$` // one line needs no alignment (a matrix keeps its own &)
        : `$$\n\\begin{aligned}\n${block.lines.map((line) => (line.tex.includes('&') ? line.tex : `&${line.tex}`)).join(' \\\\\n')}\n\\end{aligned}\n$$`;
    case 'list':
      return block.items.map((item) => `- ${inline(item)}`).join('\n');
    case 'table': {
      const row = (cells: readonly (readonly Inline[])[]) => `| ${cells.map((cell) => inline(cell, true)).join(' | ')} |`;
      const rule = `|${block.header.map((_, i) => (block.numeric?.[i] ? ' ---: ' : ' --- ')).join('|')}|`;
      return [row(block.header), rule, ...block.rows.map(row)].join('\n');
    }
    case 'figure':
      return block.file ? `![${escapeText(block.caption)}](${block.file})` : `*${escapeText(block.caption)}* (Graphviz):\n\n\`\`\`dot\n${block.dot}\n\`\`\``;
    case 'code':
      return `\`\`\`\n${block.text}\n\`\`\``;
  }
}

function inline(content: readonly Inline[], inTable = false): string {
  return content
    .map((piece) => {
      switch (piece.kind) {
        case 'text':
          return escapeText(piece.text, inTable);
        case 'strong':
          return `**${escapeText(piece.text, inTable)}**`;
        case 'code':
          return `\`${inTable ? piece.text.replace(/\|/g, '\\|') : piece.text}\``;
        case 'math':
          // a | inside a table cell ends the cell, even within math
          // no blank just inside the dollars: pandoc-style renderers leave `$x $` unrendered
          return `$${(inTable ? piece.tex.replace(/\|/g, '\\vert ') : piece.tex).trim()}$`;
      }
    })
    .join('');
}

/** Escapes the characters Markdown would read as markup in running text (# closes a heading, & starts an entity, ~~ strikes out). */
function escapeText(value: string, inTable = false): string {
  const escaped = value.replace(/([\\`*_[\]<>$#&~])/g, '\\$1');
  return inTable ? escaped.replace(/\|/g, '\\|') : escaped;
}

/** The anchor GitHub gives a heading. */
function anchor(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .trim()
    .replace(/\s/g, '-');
}
