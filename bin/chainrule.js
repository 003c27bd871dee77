#!/usr/bin/env node
// The chainrule executable: a thin wrapper around the compiled command line.
import { main } from '../dist/cli/main.js';

// a reader that stops early (`chainrule solve | head`) closes the pipe: that is not an error
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

process.exitCode = await main(process.argv.slice(2));
