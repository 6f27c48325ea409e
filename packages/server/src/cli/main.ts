#!/usr/bin/env node
/** The `earful` bin: runs the CLI (see `run.ts`) with this process's arguments. */
import { main } from './run.js';

// exitCode, not exit(): a piped stdout must drain before the process ends.
process.exitCode = await main(process.argv.slice(2));
