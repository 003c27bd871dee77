/** Runs `chainrule <args>` in this process, output discarded, and prints its wall time and peak memory as JSON. */
import { performance } from 'node:perf_hooks';
import { main } from '../cli/main.js';

const started = performance.now();
const code = await main(process.argv.slice(2), { out: () => {}, err: () => {}, stdin: () => '' });
// resourceUsage's maxRSS counts the worker threads too: they are threads of this process
process.stdout.write(`${JSON.stringify({ code, ms: Math.round(performance.now() - started), max_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
