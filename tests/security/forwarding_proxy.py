"""A tiny reverse proxy for tests, run as its own process: it forwards every request to
one upstream on loopback and appends its peer's address to X-Forwarded-For, as nginx's
`proxy_add_x_forwarded_for` does. It prints `listening <port>` once it accepts.

    python forwarding_proxy.py http://127.0.0.1:8000
"""

from __future__ import annotations

import http.client
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "proxy-connection"}


def make_handler(upstream_host: str, upstream_port: int) -> type[BaseHTTPRequestHandler]:
    class Forward(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def forward(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else None
            headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
            seen = self.headers.get("X-Forwarded-For")
            headers["X-Forwarded-For"] = f"{seen}, {self.client_address[0]}" if seen else self.client_address[0]
            upstream = http.client.HTTPConnection(upstream_host, upstream_port, timeout=30)
            upstream.request(self.command, self.path, body=body, headers=headers)
            answer = upstream.getresponse()
            content = answer.read()
            self.send_response(answer.status, answer.reason)
            for key, value in answer.getheaders():
                if key.lower() not in HOP_BY_HOP | {"content-length"}:
                    self.send_header(key, value)
            self.send_header("Content-Length", str(len(content)))
            self.end_headers()
            self.wfile.write(content)
            upstream.close()

        do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = forward

        def log_message(self, format: str, *args) -> None:
            pass

    return Forward


def main() -> None:
    upstream = urlsplit(sys.argv[1])
    if upstream.hostname not in ("127.0.0.1", "localhost", "::1"):
        sys.exit("forwarding_proxy forwards to loopback only")
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(upstream.hostname, upstream.port))
    print(f"listening {server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
