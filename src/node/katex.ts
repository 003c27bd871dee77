/**
 * KaTeX's stylesheet for self-contained HTML: read from the installed katex package, with each @font-face source
 * replaced by its woff2 file as a data: URI (read once), so that a page works offline.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Doc } from '../explain/document.js';
import { renderHtml, type HtmlOptions } from '../render/html.js';

let stylesheet: Promise<string> | undefined;

/** KaTeX's stylesheet with each @font-face source replaced by its woff2 file as a data: URI (read once). */
export function katexStylesheet(): Promise<string> {
  stylesheet ??= (async () => {
    const dist = dirname(createRequire(import.meta.url).resolve('katex')); // node_modules/katex/dist
    const css = await readFile(join(dist, 'katex.min.css'), 'utf8');
    const fonts = [...new Set(Array.from(css.matchAll(/url\(["']?(fonts\/[\w-]+\.woff2)["']?\)/g), (match) => match[1]!))];
    const data = new Map(await Promise.all(fonts.map(async (font) => [font, (await readFile(join(dist, font))).toString('base64')] as const)));
    return css.replace(/src:[^;}]*/g, (source) => {
      const font = /url\(["']?(fonts\/[\w-]+\.woff2)["']?\)/.exec(source)?.[1];
      return font === undefined ? source : `src:url(data:font/woff2;base64,${data.get(font)}) format("woff2")`;
    });
  })().catch((error: unknown) => {
    stylesheet = undefined; // try again next time rather than remember the failure
    throw error;
  });
  return stylesheet;
}

/** A self-contained HTML page for the documents: renderHtml with KaTeX's stylesheet and fonts inlined. */
export async function renderStandaloneHtml(docs: readonly Doc[], options: Omit<HtmlOptions, 'katexCss'> = {}): Promise<string> {
  return renderHtml(docs, { ...options, katexCss: await katexStylesheet() });
}
