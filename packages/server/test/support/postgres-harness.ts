/**
 * The throw-away PostgreSQL server of the store tests: the one starter in `@earful/devtools`
 * (temp data directory, free loopback port, trust auth, fsync off; as root the binaries run as
 * the `postgres` user), shared with the read benchmark so both start it one way. Without
 * PostgreSQL installed it throws INSTALL_HINT: the tests fail, they never skip silently.
 */
export { findPostgresBin, INSTALL_HINT, startPostgres, type PostgresServer } from '@earful/devtools/postgres';
