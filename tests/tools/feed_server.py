#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Loopback feed server for the `drydock db update` tests (python3 standard library only).

Serves the files of a directory on 127.0.0.1 (an ephemeral port, printed as the first line of
stdout) with ETag, Last-Modified, If-None-Match, If-Modified-Since, Range (bytes=N-, bytes=A-B)
and If-Range (206 / 416). With --tls CERT KEY it speaks HTTPS.

  GET /__stats   JSON {"requests": [{method, path, query, status, range, if_range,
                 if_none_match, if_modified_since, user_agent, sent}]} (every request but /__stats)

Fault injection, by query string; each fault fires once per path+query, later requests are
served normally:
  ?fail=500            answer 500 (also 503, 429…)
  ?drop=N              send the headers and N bytes of the body, then close the connection
  ?badlength=N         announce a Content-Length N bytes larger than the body, then close
  ?redirect=URL        answer 302 to URL (every time, not once)
  ?always=500          answer 500 every time
  ?noetag=1            no ETag and no Last-Modified (every time)
The server exits when stdin closes or on SIGTERM.
"""

import argparse
import email.utils
import hashlib
import http.server
import json
import os
import ssl
import sys
import threading
import urllib.parse


class State:
    def __init__(self, root):
        self.root = os.path.realpath(root)
        self.lock = threading.Lock()
        self.requests = []
        self.fired = set()

    def fire_once(self, key):
        with self.lock:
            if key in self.fired:
                return False
            self.fired.add(key)
            return True


def make_handler(state):
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, fmt, *args):  # quiet
            pass

        def record(self, status, sent, path, query):
            if path == "/__stats":
                return
            with state.lock:
                state.requests.append({
                    "method": self.command,
                    "path": path,
                    "query": query,
                    "status": status,
                    "range": self.headers.get("Range", ""),
                    "if_range": self.headers.get("If-Range", ""),
                    "if_none_match": self.headers.get("If-None-Match", ""),
                    "if_modified_since": self.headers.get("If-Modified-Since", ""),
                    "user_agent": self.headers.get("User-Agent", ""),
                    "sent": sent,
                })

        def simple(self, status, body=b"", headers=None, path="", query=""):
            self.record(status, len(body), path, query)
            self.send_response(status)
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def do_HEAD(self):
            self.do_GET()

        def do_GET(self):
            url = urllib.parse.urlsplit(self.path)
            path, query = url.path, url.query
            params = dict(urllib.parse.parse_qsl(query))
            if path == "/__stats":
                with state.lock:
                    body = json.dumps({"requests": state.requests}).encode()
                return self.simple(200, body, {"Content-Type": "application/json"}, path, query)
            key = path + "?" + query
            if "redirect" in params:
                return self.simple(302, b"", {"Location": params["redirect"]}, path, query)
            if "always" in params:
                return self.simple(int(params["always"]), b"always failing\n", {}, path, query)
            if "fail" in params and state.fire_once(key + "#fail"):
                return self.simple(int(params["fail"]), b"injected failure\n", {}, path, query)
            rel = urllib.parse.unquote(path).lstrip("/")
            full = os.path.realpath(os.path.join(state.root, rel))
            if not full.startswith(state.root + os.sep) or not os.path.isfile(full):
                return self.simple(404, b"not found\n", {}, path, query)
            with open(full, "rb") as f:
                data = f.read()
            mtime = os.stat(full).st_mtime
            etag = '"' + hashlib.sha256(data).hexdigest()[:20] + '"'
            last_modified = email.utils.formatdate(mtime, usegmt=True)
            validators = {} if "noetag" in params else {"ETag": etag,
                                                         "Last-Modified": last_modified}

            inm = self.headers.get("If-None-Match")
            ims = self.headers.get("If-Modified-Since")
            if validators and inm is not None:
                if etag in [t.strip() for t in inm.split(",")] or inm.strip() == "*":
                    return self.simple(304, b"", validators, path, query)
            elif validators and ims is not None:
                try:
                    since = email.utils.parsedate_to_datetime(ims).timestamp()
                    if int(mtime) <= since:
                        return self.simple(304, b"", validators, path, query)
                except (TypeError, ValueError):
                    pass

            status, start, end = 200, 0, len(data)
            rng = self.headers.get("Range")
            if_range = self.headers.get("If-Range")
            range_ok = rng is not None and (if_range is None or
                                            (validators and if_range in (etag, last_modified)))
            if range_ok and rng.startswith("bytes=") and "," not in rng:
                first, _, last = rng[6:].partition("-")
                try:
                    a = int(first)
                    b = int(last) + 1 if last else len(data)
                except ValueError:
                    a, b = -1, -1
                if a >= len(data) or a < 0 or b <= a:
                    return self.simple(416, b"", {"Content-Range": "bytes */%d" % len(data)},
                                       path, query)
                status, start, end = 206, a, min(b, len(data))
            body = data[start:end]
            announced = len(body)
            cut = len(body)
            if "drop" in params and state.fire_once(key + "#drop"):
                cut = min(int(params["drop"]), len(body))
            if "badlength" in params and state.fire_once(key + "#badlength"):
                announced = len(body) + int(params["badlength"])
            self.record(status, cut, path, query)
            self.send_response(status)
            for k, v in validators.items():
                self.send_header(k, v)
            self.send_header("Accept-Ranges", "bytes")
            if status == 206:
                self.send_header("Content-Range", "bytes %d-%d/%d" % (start, end - 1, len(data)))
            self.send_header("Content-Length", str(announced))
            self.end_headers()
            if self.command == "HEAD":
                return
            self.wfile.write(body[:cut])
            self.wfile.flush()
            if cut < len(body) or announced != len(body):
                self.close_connection = True
                try:
                    self.connection.shutdown(2)
                except OSError:
                    pass

    return Handler


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # A client closing the connection (the size-limit test) is not worth a traceback.
        if not isinstance(sys.exc_info()[1], (ConnectionError, ssl.SSLError)):
            super().handle_error(request, client_address)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("root")
    parser.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"))
    args = parser.parse_args()
    state = State(args.root)
    server = Server(("127.0.0.1", 0), make_handler(state))
    if args.tls:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(args.tls[0], args.tls[1])
        server.socket = ctx.wrap_socket(server.socket, server_side=True)
    print(server.server_address[1], flush=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        sys.stdin.read()  # until the test closes our stdin (or dies)
    except KeyboardInterrupt:
        pass
    server.shutdown()


if __name__ == "__main__":
    main()
