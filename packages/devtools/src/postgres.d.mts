/** The one-line hint thrown when PostgreSQL's server binaries are missing. */
export declare const INSTALL_HINT: string;
/** The directory holding pg_ctl and initdb (PATH first, then /usr/lib/postgresql/<newest>/bin); throws INSTALL_HINT. */
export declare function findPostgresBin(root?: string, searchPath?: boolean): string;
/** A running throw-away PostgreSQL server. */
export interface PostgresServer {
  /** Connection string of the `postgres` database. */
  readonly url: string;
  /** Connection string of another database on the same server. */
  urlFor(database: string): string;
  stop(): Promise<void>;
}
/** Starts one on a free loopback port (trust auth, fsync off); `settings` are extra `name=value` server settings. */
export declare function startPostgres(options?: { readonly settings?: readonly string[] }): Promise<PostgresServer>;
