/** Re-running a check whenever a file changes (`chainrule check hw.tex --watch`), until Ctrl-C. */
import { watch } from 'node:fs';

/** How long the file must be quiet before it is checked again (an editor's save is several writes). */
const DEBOUNCE_MS = 200;

/**
 * Runs `check` now and after every change to `file` (debounced), printing each time only the paragraphs that were not
 * printed by the run before (a claim whose verdict or text changed), then the summary line; resolves on Ctrl-C.
 */
export function watchFile(file: string, check: () => Promise<readonly string[]>, print: (text: string) => void): Promise<void> {
  let previous = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running = Promise.resolve();
  const once = () => {
    running = running.then(async () => {
      const paragraphs = await check();
      const summary = paragraphs[paragraphs.length - 1] ?? '';
      const changed = paragraphs.slice(0, -1).filter((paragraph) => !previous.has(paragraph));
      const first = previous.size === 0;
      previous = new Set(paragraphs);
      print([...(first ? [] : [`— ${file} changed (${new Date().toLocaleTimeString()}): ${changed.length === 0 ? 'no verdict changed' : `${changed.length} new or changed`}`]), ...changed, summary].join('\n'));
    }).catch((error: unknown) => print(`error: ${(error as Error).message}`));
  };
  once();
  return new Promise((resolve) => {
    const watcher = watch(file, () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(once, DEBOUNCE_MS);
    });
    process.once('SIGINT', () => {
      watcher.close();
      if (timer) clearTimeout(timer);
      void running.then(() => resolve());
    });
  });
}
