/** The CLI's help texts, one per command, kept apart from the logic that runs them. */
import { ERASE_USAGE } from './erase-command.js';

export const USAGE = {
  main: `Usage: earful <command> [options]

Commands:
  serve       Run a standalone receiver with the inbox and the JSON API
  export      Print stored responses as CSV or JSON Lines
  stats       Print counts, CSAT, NPS and top reasons
  users       Add, list or remove the staff who sign in to the inbox
  keys        Create, list or revoke API keys for your own backends
  login-link  Print a one-time link that signs a staff member in
  erase       Erase a customer's responses for good (GDPR)
  check-receiver <url>  Check any receiver against the Earful wire contract

Run "earful <command> --help" for a command's options.`,
  serve: `Usage: earful serve --db <file> [options]

  --db <file>              SQLite database (created when missing)            (required, or --postgres)
  --postgres <url>         PostgreSQL database instead, e.g. postgres://user@host/earful
  --port <n>               TCP port; 0 picks a free one                      (default 8787)
  --host <address>         Address to listen on                              (default 127.0.0.1)
  --origin <origin>        Allowed browser origin, repeatable; "*" for any   (default any)
  --path <path>            Path of the receiver                              (default /responses)
  --survey <id>            Accept only this survey id, repeatable            (default any)
  --webhook <url>          POST negative responses here, signed with the EARFUL_WEBHOOK_SECRET
                           environment variable (without it: unsigned, with a warning)
  --webhook-format <f>     json | slack                                      (default json)
  --no-rate-limit          Turn the per-IP and per-survey limits off (load tests)

Cases, the inbox (/inbox) and the JSON API (/api):
  --public-url <url>       Where people reach this receiver, e.g. https://feedback.shop.example
                           (links in mails; the one origin the inbox may send changes from)
  --smtp <url>             Send replies: smtp://user:pass@host:587 or smtps://…:465
  --from <address>         Sender of replies, e.g. "Shop care <care@shop.example>" (with --smtp)
  --definitions <path>     Survey definition JSON file, or a directory of them, for labels;
                           repeatable
  --sla-first-response <d> First-response target, e.g. 4h, 1d                (default 24h)
  --sla-resolution <d>     Resolution target, e.g. 5d                        (default 7d)
  --business-hours <text>  Count targets in these hours only, e.g. "Mon-Fri 09:00-17:00"
  --time-zone <zone>       Time zone of --business-hours, e.g. Europe/Riga   (default this machine's)
  --no-api                 Serve only the receiver: no /api, /inbox or /follow-up
  --help                   Show this help

With no accounts yet, serve prints a one-time setup link that creates the first one.`,
  export: `Usage: earful export --db <file> [options]

  --db <file>              Earful database to read; opened read-only         (required)
  --format <f>             csv | jsonl                                       (default csv)
  --since <date>           Only responses received at or after this ISO date
  --survey <id>            Only this survey
  --help                   Show this help`,
  stats: `Usage: earful stats --db <file> [options]

  --db <file>              Earful database to read; opened read-only         (required)
  --since <date>           Only responses received at or after this ISO date
  --survey <id>            Only this survey
  --json                   Print the summary as JSON
  --help                   Show this help`,
  users: `Usage: earful users <add <email> | set-password <email> | list | remove <email>> --db <file>

  add <email>              Add a staff member; the password (at least 12 characters) is asked
                           for on a terminal, or read from the first line of stdin — never
                           given on the command line
  set-password <email>     Give a staff member a new password (read the same way) and end
                           their open sessions
  list                     Print the staff emails
  remove <email>           Remove a staff member and sign them out everywhere
  --db <file>              Earful database (SQLite)                          (required, or --postgres)
  --postgres <url>         PostgreSQL database instead
  --password-stdin         Read the password from stdin even on a terminal
  --help                   Show this help`,
  keys: `Usage: earful keys <create --name <name> [--read-only] | list | revoke <name>> --db <file>

  create --name <name>     Make an API key and print it once (only its hash is kept); send it
                           as Authorization: Bearer <key>
  --read-only              The key may only read (GET); changes get 403
  list                     Print the keys' names, rights and creation times
  revoke <name>            Revoke a key; requests with it get 401 at once
  --db <file>              Earful database (SQLite)                          (required, or --postgres)
  --postgres <url>         PostgreSQL database instead
  --help                   Show this help`,
  'login-link': `Usage: earful login-link <email> --db <file> [--base <url>]

Prints a link that signs this staff member in to the inbox once, within 15 minutes.

  --db <file>              Earful database (SQLite)                          (required, or --postgres)
  --postgres <url>         PostgreSQL database instead
  --base <url>             The receiver's address (as in --public-url)       (default http://127.0.0.1:8787)
  --help                   Show this help`,
  erase: ERASE_USAGE,
} as const;
