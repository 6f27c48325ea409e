#!/usr/bin/python3
"""An Earful receiver in Python 3: the standard library plus jsonschema.

It keeps the wire contract of docs/own-receiver.md: validates each response with the published
response.schema.json, stores it in SQLite once per id, and answers the statuses the Earful SDK
understands (202, 400, 403, 413, 415, 422, 429 with Retry-After, 503 with Retry-After). Run it
with Debian's /usr/bin/python3 (apt-get install python3-jsonschema) or any Python 3.9+ that has
jsonschema 4.
"""

import argparse
import json
import math
import os
import signal
import sqlite3
import sys
import threading
import time
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

try:
    import jsonschema
except ImportError:
    sys.exit(
        'receiver.py needs the jsonschema package: on Debian/Ubuntu run "apt-get install python3-jsonschema" '
        'and start it with /usr/bin/python3, or "pip install jsonschema" for another Python'
    )

# The contract's body limit (RESPONSE_LIMITS.maxBodyBytes in @earful/schema). JSON Schema cannot
# express it, so it is checked here, before anything is parsed.
MAX_BODY_BYTES = 16_384
ACCEPTED_TYPES = ('application/json', 'text/plain')
HERE = os.path.dirname(os.path.abspath(__file__))
# Where the schema lands when @earful/schema is built in this repository; elsewhere, copy
# response.schema.json from the @earful/schema package next to your service and pass --schema.
DEFAULT_SCHEMA = os.path.join(HERE, '..', '..', 'packages', 'schema', 'dist', 'response.schema.json')


class TokenBuckets:
    """Per-client token buckets: `capacity` requests at once, then `refill` per second."""

    def __init__(self, capacity, refill):
        self.capacity, self.refill = capacity, refill
        self.buckets = {}
        self.lock = threading.Lock()

    def take(self, key):
        """Takes a token; returns 0, or the whole seconds to wait for the next one."""
        now = time.monotonic()
        with self.lock:
            if len(self.buckets) > 100_000:  # bounded memory under a flood of addresses
                self.buckets.clear()
            tokens, at = self.buckets.get(key, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - at) * self.refill)
            if tokens >= 1:
                self.buckets[key] = (tokens - 1, now)
                return 0
            self.buckets[key] = (tokens, now)
            return max(1, math.ceil((1 - tokens) / self.refill))


class Store:
    """Responses in SQLite, one row per id. The primary key makes "stored once" hold under concurrency too."""

    def __init__(self, path):
        self.db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self.db.execute('PRAGMA journal_mode=WAL')
        self.db.execute(
            'CREATE TABLE IF NOT EXISTS responses (id TEXT PRIMARY KEY, survey_id TEXT NOT NULL, '
            'received_at TEXT NOT NULL, body TEXT NOT NULL)'
        )
        self.lock = threading.Lock()

    def put_if_absent(self, response, body):
        """Returns 'stored', 'duplicate' (same id, same body) or 'conflict' (same id, another body)."""
        received_at = datetime.now(timezone.utc).isoformat(timespec='milliseconds').replace('+00:00', 'Z')
        with self.lock:
            cursor = self.db.execute(
                'INSERT OR IGNORE INTO responses (id, survey_id, received_at, body) VALUES (?, ?, ?, ?)',
                (response['id'], response['surveyId'], received_at, body),
            )
            if cursor.rowcount == 1:
                return 'stored'
            (existing,) = self.db.execute('SELECT body FROM responses WHERE id = ?', (response['id'],)).fetchone()
        return 'duplicate' if existing == body else 'conflict'

    def close(self):
        self.db.close()


def canonical(value):
    """The same response always gives the same text, whatever the key order or spacing it came in."""
    return json.dumps(value, sort_keys=True, separators=(',', ':'), ensure_ascii=False)


def refuse_constant(name):
    raise ValueError(f'{name} is not JSON')


def field_path(error):
    path = ''
    for part in error.absolute_path:
        path += f'[{part}]' if isinstance(part, int) else (f'.{part}' if path else str(part))
    return path


def branches(error):
    """The errors of a failed oneOf/anyOf, grouped by the branch they come from."""
    grouped = {}
    for candidate in error.context:
        grouped.setdefault(candidate.relative_schema_path[0], []).append(candidate)
    return grouped


def other_kind(errors):
    """True when a branch is for another kind of answer: its `type` or `scale` const failed."""
    return any(
        e.validator == 'const' or (e.context and all(other_kind(b) for b in branches(e).values()))
        for e in errors
    )


def issue(error):
    """A field problem as {path, message}. A failed oneOf (which answer type, which rating scale)
    is explained by the branch of the answer's own kind, not by a dump of the whole answer."""
    while error.context:
        matching = [errors for errors in branches(error).values() if not other_kind(errors)]
        error = jsonschema.exceptions.best_match(matching[0] if len(matching) == 1 else error.context)
    message = error.message
    shown = repr(error.instance)
    if len(shown) > 60 and message.startswith(shown):  # do not echo a stranger's long text back
        message = 'the value' + message[len(shown):]
    return {'path': field_path(error), 'message': message[:300]}


def make_handler(validator, store, origins, path, limiter):
    class Handler(BaseHTTPRequestHandler):
        server_version = 'earful-python-receiver'
        protocol_version = 'HTTP/1.1'
        # A client that sends its body slowly is cut off (slowloris).
        timeout = 10

        def log_message(self, format, *args):  # one line per request on stderr is noise in tests
            if os.environ.get('EARFUL_LOG'):
                super().log_message(format, *args)

        def cors(self):
            origin = self.headers.get('Origin')
            if origin is None:
                return {}
            if origins != '*' and origin not in origins:
                return {'Vary': 'Origin'}
            return {'Access-Control-Allow-Origin': origin, 'Vary': 'Origin'}

        def answer(self, status, body=None, headers=None, close=False):
            data = b'' if body is None else json.dumps(body).encode()
            self.send_response(status)
            for name, value in {**self.cors(), **(headers or {})}.items():
                self.send_header(name, value)
            if body is not None:
                self.send_header('Content-Type', 'application/json; charset=utf-8')
                self.send_header('Cache-Control', 'no-store')
            self.send_header('Content-Length', str(len(data)))
            if close:
                self.send_header('Connection', 'close')
                self.close_connection = True
            self.end_headers()
            self.wfile.write(data)

        def problem(self, status, error, message, headers=None, close=False):
            self.answer(status, {'error': error, 'message': message}, headers, close)

        def declared_length(self):
            text = self.headers.get('Content-Length')
            return int(text) if text is not None and text.isdigit() else None

        def refuse(self, status, error, message, headers=None):
            """Answers before reading the body, then closes. A small unread body is read and dropped
            first: closing a socket with unread bytes resets it, and the client could lose the answer."""
            length = self.declared_length()
            if length is not None and length <= 4 * MAX_BODY_BYTES:
                try:
                    self.rfile.read(length)
                except OSError:
                    pass
            self.problem(status, error, message, headers, close=True)

        def allowed(self):
            """False (and answered 404/403) when the path or the origin is not ours."""
            if self.path.split('?', 1)[0] != path:
                self.refuse(404, 'not_found', f'nothing here; POST responses to {path}')
                return False
            origin = self.headers.get('Origin')
            if origin is not None and origins != '*' and origin not in origins:
                self.refuse(403, 'origin_not_allowed', f'origin {origin} may not send responses here; add it with --origin')
                return False
            return True

        def do_OPTIONS(self):
            if not self.allowed():
                return
            self.answer(204, None, {
                'Access-Control-Allow-Methods': 'POST, OPTIONS',
                'Access-Control-Allow-Headers': 'content-type',
                'Access-Control-Max-Age': '86400',
            })

        def do_GET(self):
            self.refuse(405, 'method_not_allowed', 'use POST to send a response', {'Allow': 'POST, OPTIONS'})

        do_PUT = do_DELETE = do_PATCH = do_GET

        def do_POST(self):
            if not self.allowed():
                return
            content_type = (self.headers.get('Content-Type') or '').split(';')[0].strip().lower()
            if content_type not in ACCEPTED_TYPES:
                return self.refuse(415, 'unsupported_media_type', 'send the response as JSON with Content-Type application/json or text/plain')
            length = self.declared_length()
            if length is None:
                # No chunked bodies: every Earful client sends a Content-Length.
                return self.refuse(411, 'length_required', 'send the body with a Content-Length header')
            if length > MAX_BODY_BYTES:
                return self.refuse(413, 'payload_too_large', f'the body is larger than {MAX_BODY_BYTES} bytes; shorten the text answers or metadata')
            wait = limiter.take(self.client_address[0])
            if wait:
                return self.refuse(429, 'rate_limited', f'too many responses from this address; retry after {wait} s', {'Retry-After': str(wait)})
            try:
                raw = self.rfile.read(length)
            except OSError:  # the body came too slowly (timeout) or not at all
                self.close_connection = True
                return
            if len(raw) != length:
                return self.problem(400, 'bad_request', 'the body ended before its Content-Length; send it again', close=True)
            try:
                value = json.loads(raw.decode('utf-8'), parse_constant=refuse_constant)
            except (UnicodeDecodeError, ValueError, RecursionError) as error:
                return self.problem(400, 'invalid_json', f'the body is not valid UTF-8 JSON ({error.__class__.__name__})')
            errors = sorted(validator.iter_errors(value), key=lambda e: list(e.absolute_path))[:20]
            if errors:
                issues = [issue(e) for e in errors]
                return self.answer(400, {'error': 'validation', 'issues': issues})
            try:
                outcome = store.put_if_absent(value, canonical(value))
            except sqlite3.Error as error:
                print(f'receiver.py: could not store {value["id"]}: {error}', file=sys.stderr)
                return self.problem(503, 'store_unavailable', 'the response could not be stored right now; retry later', {'Retry-After': '5'})
            if outcome == 'conflict':
                return self.problem(422, 'id_conflict', f'a different response with id {value["id"]} is already stored; give each response a new UUID')
            # A repeat gets the same 202, marked so that "stored once" can be checked from outside.
            self.answer(202, {'id': value['id'], 'status': 'accepted', **({'duplicate': True} if outcome == 'duplicate' else {})})

    return Handler


def main(argv=None):
    parser = argparse.ArgumentParser(description='An Earful receiver: validates, stores in SQLite once per id.')
    parser.add_argument('--host', default='127.0.0.1')
    parser.add_argument('--port', type=int, default=8788, help='0 picks a free port (default 8788)')
    parser.add_argument('--db', default='feedback.db', help='SQLite file (default ./feedback.db)')
    parser.add_argument('--path', default='/responses', help='path of the receiver (default /responses)')
    parser.add_argument('--origin', action='append', help='allowed browser origin, repeatable (default: any)')
    parser.add_argument('--schema', default=os.environ.get('EARFUL_RESPONSE_SCHEMA', DEFAULT_SCHEMA), help='path of response.schema.json')
    parser.add_argument('--rate', default='30/1', help='per-client limit: burst/refill per second (default 30/1)')
    args = parser.parse_args(argv)

    try:
        with open(args.schema, encoding='utf-8') as file:
            schema = json.load(file)
    except (OSError, ValueError) as error:
        sys.exit(
            f'receiver.py: cannot read the response schema at {args.schema} ({error}); build it with '
            '"pnpm --filter @earful/schema build" or pass --schema path/to/response.schema.json'
        )
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)
    try:
        capacity, refill = (float(part) for part in args.rate.split('/'))
        assert capacity >= 1 and refill > 0
    except (ValueError, AssertionError):
        sys.exit(f'receiver.py: --rate must be burst/refill such as 30/1, got {args.rate!r}')

    store = Store(args.db)
    origins = '*' if not args.origin or '*' in args.origin else set(args.origin)
    handler = make_handler(validator, store, origins, args.path, TokenBuckets(capacity, refill))
    server = ThreadingHTTPServer((args.host, args.port), handler)
    server.daemon_threads = True
    signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
    host, port = server.server_address[:2]
    print(f'receiving Earful responses at http://{host}:{port}{args.path} (database {args.db})', flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        store.close()


if __name__ == '__main__':
    main()
