/**
 * The `earful serve` flags that configure cases and the API — `--smtp`, `--from`, `--public-url`,
 * `--definitions`, `--sla-*`, `--business-hours`, `--time-zone` — read into `startServer`
 * options. Each mistake is a usage error that names the flag.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseSurvey, type Survey } from '@earful/schema';
import { parseBusinessHours, parseDuration, type SlaPolicy } from '../cases/sla.js';
import { checkPublicUrl } from '../follow-up/public-url.js';
import type { ServerApiOptions } from '../start-server.js';
import { UsageError } from './usage-error.js';

/** The flags, for `parseArgs`. */
export const SERVE_API_OPTIONS = {
  smtp: { type: 'string' },
  from: { type: 'string' },
  'public-url': { type: 'string' },
  definitions: { type: 'string', multiple: true },
  'sla-first-response': { type: 'string' },
  'sla-resolution': { type: 'string' },
  'business-hours': { type: 'string' },
  'time-zone': { type: 'string' },
  'no-api': { type: 'boolean' },
} as const;

function flag<T>(name: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw new UsageError(`--${name}: ${error instanceof Error ? error.message.split('\n').join(' ') : String(error)}`);
  }
}

/** Survey definitions from JSON files, or every `*.json` in a directory, checked with `parseSurvey`. */
export function readDefinitions(paths: readonly string[]): Survey[] {
  const files: string[] = [];
  for (const path of paths) {
    const stat = flag('definitions', () => statSync(path));
    if (stat.isDirectory()) files.push(...readdirSync(path).filter((f) => f.endsWith('.json')).sort().map((f) => join(path, f)));
    else files.push(path);
  }
  return files.map((file) =>
    flag('definitions', () => {
      try {
        return parseSurvey(JSON.parse(readFileSync(file, 'utf8')));
      } catch (error) {
        throw new Error(`${file}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }),
  );
}

/** The SLA policy the flags ask for, or `undefined` to keep the handler's default. */
export function slaOf(values: Record<string, unknown>): SlaPolicy | undefined {
  const first = values['sla-first-response'] as string | undefined;
  const resolution = values['sla-resolution'] as string | undefined;
  const hours = values['business-hours'] as string | undefined;
  const zone = values['time-zone'] as string | undefined;
  if (zone !== undefined && hours === undefined) throw new UsageError('--time-zone goes with --business-hours, e.g. --business-hours "Mon-Fri 09:00-17:00" --time-zone Europe/Riga');
  if (first === undefined && resolution === undefined && hours === undefined) return undefined;
  const timeZone = zone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  return {
    ...(first === undefined ? {} : { firstResponseMs: flag('sla-first-response', () => parseDuration(first)) }),
    ...(resolution === undefined ? {} : { resolutionMs: flag('sla-resolution', () => parseDuration(resolution)) }),
    ...(hours === undefined ? {} : { businessHours: flag('business-hours', () => parseBusinessHours(hours, timeZone)) }),
  };
}

/** `api` of `startServer`: `false` with `--no-api`, else the options the flags give. */
export function apiOf(values: Record<string, unknown>): ServerApiOptions | false {
  if (values['no-api']) {
    for (const name of ['smtp', 'from', 'public-url', 'definitions'] as const) {
      if (values[name] !== undefined) throw new UsageError(`--${name} configures the API; drop it or drop --no-api`);
    }
    return false;
  }
  const smtp = values.smtp as string | undefined;
  const from = values.from as string | undefined;
  if (smtp !== undefined && from === undefined) throw new UsageError('--smtp needs --from, the address replies come from, e.g. --from "Shop care <care@shop.example>"');
  const publicUrl = values['public-url'] as string | undefined;
  const definitions = values.definitions as string[] | undefined;
  return {
    ...(smtp === undefined ? {} : { smtp }),
    ...(from === undefined ? {} : { from }),
    ...(publicUrl === undefined ? {} : { publicUrl: flag('public-url', () => checkPublicUrl(publicUrl, 'the public URL')) }),
    ...(definitions === undefined ? {} : { surveys: readDefinitions(definitions) }),
  };
}

/** The server's URL as this machine reaches it: one listening on every address (0.0.0.0, ::) is at loopback. */
export function reachableUrl(url: string): string {
  return url.replace('//0.0.0.0:', '//127.0.0.1:').replace('//[::]:', '//[::1]:');
}
