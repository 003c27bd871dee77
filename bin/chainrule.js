#!/usr/bin/env node
// The chainrule executable: a thin wrapper around the compiled command line.
import { main } from '../dist/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
