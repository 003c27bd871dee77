/** Graphviz DOT to SVG through @viz-js/viz (Graphviz compiled to WebAssembly), loaded on first use only. */
import type { Viz } from '@viz-js/viz';

/** The Graphviz instance, created once: decoding the WebAssembly module is the slow part. */
let graphviz: Promise<Viz> | undefined;

/** Lays out DOT source with Graphviz's dot engine and returns the SVG document; throws on invalid DOT. */
export async function renderSvg(dot: string): Promise<string> {
  graphviz ??= import('@viz-js/viz').then((viz) => viz.instance());
  const viz = await graphviz.catch((error: unknown) => {
    graphviz = undefined; // let the next call try again
    throw error;
  });
  return viz.renderString(dot, { format: 'svg', engine: 'dot' });
}

/** The width of an A4 page's text (170 mm) in points: a picture wider than this is scaled below its labels' size. */
export const PAGE_TEXT_WIDTH_PT = 482;

/**
 * A graph drawn to be read on a page: left to right as the lectures draw it, or top to bottom where left to right is
 * wider than the page's text and top to bottom is narrower (so that it is scaled down less, its labels kept larger).
 * Returns the DOT source drawn, with the SVG.
 */
export async function renderPageSvg(dot: string): Promise<{ readonly dot: string; readonly svg: string }> {
  const wide = await renderSvg(dot);
  if (svgWidth(wide) <= PAGE_TEXT_WIDTH_PT || !dot.includes('rankdir=LR')) return { dot, svg: wide };
  const tall = dot.replace('rankdir=LR', 'rankdir=TB');
  const svg = await renderSvg(tall);
  return svgWidth(svg) < svgWidth(wide) ? { dot: tall, svg } : { dot, svg: wide };
}

/** The width an SVG from Graphviz says it has, in points. */
function svgWidth(svg: string): number {
  return Number(/<svg[^>]*\swidth="([0-9.]+)pt"/.exec(svg)?.[1] ?? Infinity);
}
