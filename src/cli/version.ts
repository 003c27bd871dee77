/** chainrule's version, as its package.json says. */
import { readFileSync } from 'node:fs';

/** The version of this chainrule. */
export function version(): string {
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return manifest.version;
}
