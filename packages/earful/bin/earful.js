#!/usr/bin/env node
// The `earful` command: @earful/server's CLI, installed together with better-sqlite3 (the
// embedded database that @earful/server keeps as an optional peer, so edge and PostgreSQL users
// never build it).
import { main } from '@earful/server/cli';

// exitCode, not exit(): a piped stdout must drain before the process ends.
process.exitCode = await main(process.argv.slice(2));
