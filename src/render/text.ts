/** Renders explanation documents as plain text for a terminal: math in its plain form, tables in aligned columns. */
import { plain, type Block, type Doc } from '../explain/document.js';

/** Plain text for one or more documents. */
export function renderText(docs: readonly Doc[]): string {
  const parts: string[] = [];
  for (const doc of docs) {
    parts.push(underline(doc.title, '='));
    for (const block of doc.blocks) parts.push(renderBlock(block));
  }
  return `${parts.join('\n\n')}\n`;
}

function renderBlock(block: Block): string {
  switch (block.kind) {
    case 'heading':
      return block.level === 1 ? underline(block.text, '-') : `${block.text}:`;
    case 'paragraph':
      return plain(block.content);
    case 'math':
      return block.lines.map((line) => indent(line.text, '  ')).join('\n');
    case 'list':
      return block.items.map((item) => indent(plain(item), '  ').replace(/^ {2}/, '- ')).join('\n');
    case 'table': {
      const rows = [block.header, ...block.rows].map((row) => row.map((cell) => plain(cell)));
      const widths = block.header.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length)));
      const line = (row: readonly string[]) =>
        row.map((cell, i) => (block.numeric?.[i] ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ').trimEnd();
      return [line(rows[0]!), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.slice(1).map(line)].map((text) => `  ${text}`).join('\n');
    }
    case 'figure':
      return `(${block.caption}${block.file ? `: ${block.file}` : ''})`;
    case 'code':
      return indent(block.text, '    ');
  }
}

function underline(text: string, character: string): string {
  return `${text}\n${character.repeat(Math.min(80, text.length))}`;
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => `${prefix}${line}`)
    .join('\n');
}
