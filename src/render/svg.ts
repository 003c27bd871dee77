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
