"""200 stand-ins for gateways' HTTP ports on 127.0.0.1: each answers GET /readyz with 200, as a ready OpenClaw
gateway does. Writes the ports, space-separated, to the file given, then serves until killed."""
import http.server
import socketserver
import sys
import threading


class Readyz(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = b'{"ready":true,"failing":[]}'
        self.send_response(200 if self.path == "/readyz" else 404)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def main():
    count, out = int(sys.argv[1]), sys.argv[2]
    servers = [Server(("127.0.0.1", 0), Readyz) for _ in range(count)]
    for server in servers:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    with open(out, "w") as f:
        f.write(" ".join(str(s.server_address[1]) for s in servers))
    threading.Event().wait()


if __name__ == "__main__":
    main()
