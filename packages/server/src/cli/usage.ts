/** The CLI's help texts, one per command, kept apart from the logic that runs them. */
export const USAGE = {
  main: `Usage: earful <command> [options]

Commands:
  serve    Run a standalone receiver with an SQLite database
  export   Print stored responses as CSV or JSON Lines
  stats    Print counts, CSAT, NPS and top reasons
  check-receiver <url>  Check any receiver against the Earful wire contract

Run "earful <command> --help" for a command's options.`,
  serve: `Usage: earful serve --db <file> [options]

  --db <file>              SQLite database (created when missing)            (required)
  --port <n>               TCP port; 0 picks a free one                      (default 8787)
  --host <address>         Address to listen on                              (default 127.0.0.1)
  --origin <origin>        Allowed browser origin, repeatable; "*" for any   (default any)
  --path <path>            Path of the receiver                              (default /responses)
  --survey <id>            Accept only this survey id, repeatable            (default any)
  --webhook <url>          POST negative responses here, signed with the EARFUL_WEBHOOK_SECRET
                           environment variable (without it: unsigned, with a warning)
  --webhook-format <f>     json | slack                                      (default json)
  --no-rate-limit          Turn the per-IP and per-survey limits off (load tests)
  --help                   Show this help`,
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
} as const;
