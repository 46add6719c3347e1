#!/usr/bin/env python3
"""A OneGrid webhook receiver that checks the hub's signature (docs/webhooks.md). Python 3 standard library only.

    WEBHOOK_SECRET='the secret from POST /api/webhooks' python3 webhook-receiver.py [PORT]

Answers 204 to a POST signed with WEBHOOK_SECRET whose X-OneGrid-Timestamp is within 5 minutes of now, and 401
to anything else. The hub delivers at least once, so an event id seen before is acknowledged and not handled
again. Each event handled is printed as one JSON line on stdout; the first line says the port (PORT 0: any
free one). Keep the secret out of the command line (ps shows it): set it in the environment.
"""
import hashlib
import hmac
import json
import os
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SECRET = os.environ["WEBHOOK_SECRET"].encode()
TOLERANCE_S = 300          # against replay: a captured request is refused once it is this old
MAX_BODY = 1 << 20
seen = set()               # a real receiver keeps the handled event ids in its own database


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"   # keep-alive with Content-Length: the hub's client reuses its connections

    def do_POST(self):
        try:
            self.handle_delivery()
        except (ValueError, KeyError) as e:               # not JSON, or no eventId: not from the hub
            self.answer(400, "malformed delivery: %s" % e)

    def handle_delivery(self):
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            return self.answer(413, "body too large")
        body = self.rfile.read(length)
        ts = self.headers.get("X-OneGrid-Timestamp", "")
        signature = self.headers.get("X-OneGrid-Signature", "")
        if not ts.isdigit() or abs(time.time() - int(ts)) > TOLERANCE_S:
            return self.answer(401, "timestamp missing or not within 5 minutes")
        expected = "sha256=" + hmac.new(SECRET, ts.encode() + b"." + body, hashlib.sha256).hexdigest()
        if not hmac.compare_digest(expected.encode(), signature.encode()):   # constant time
            return self.answer(401, "bad signature")
        event = json.loads(body)
        if event["eventId"] not in seen:
            seen.add(event["eventId"])
            print(json.dumps(event, ensure_ascii=False), flush=True)   # hand the case to the hotline here
        self.answer(204)

    def answer(self, status, why=None):
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()
        if why:
            self.log_message("refused (%d): %s", status, why)


if __name__ == "__main__":
    server = ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1]) if len(sys.argv) > 1 else 8099), Handler)
    print("listening on %d" % server.server_address[1], flush=True)
    server.serve_forever()
