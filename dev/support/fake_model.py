#!/usr/bin/env python3
"""A loopback OpenAI-compatible model for the local platform: GET /v1/models lists one model, POST
/v1/chat/completions answers one sentence (JSON, or SSE chunks when "stream" is true) with a usage block.
Outside model providers are not reachable from this machine; a gateway provisioned locally talks to this instead.
GET /served answers what it has served so far (requests, prompt and completion tokens): what a gateway's own usage
records must add up to (dev/monitor compares them).

    python3 dev/support/fake_model.py PORT
"""
import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MODEL = "local-fake-model"
ANSWER = "Hello from the local fake model."
USAGE = {"prompt_tokens": 1200, "completion_tokens": 40, "total_tokens": 1240}
SERVED = {"requests": 0, "prompt_tokens": 0, "completion_tokens": 0}
SERVED_LOCK = threading.Lock()


def served(usage):
    with SERVED_LOCK:
        SERVED["requests"] += 1
        SERVED["prompt_tokens"] += usage["prompt_tokens"]
        SERVED["completion_tokens"] += usage["completion_tokens"]


class Handler(BaseHTTPRequestHandler):
    def _send(self, status, content_type, body):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path.rstrip("/") == "/served":
            with SERVED_LOCK:
                self._send(200, "application/json", json.dumps(SERVED))
        elif self.path.rstrip("/").endswith("/models"):
            self._send(200, "application/json", json.dumps(
                {"object": "list", "data": [{"id": MODEL, "object": "model", "owned_by": "lobsterops-dev"}]}))
        else:
            self._send(404, "application/json", json.dumps({"error": {"message": "not found"}}))

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        try:
            request = json.loads(self.rfile.read(length) or b"{}")
        except ValueError:
            self._send(400, "application/json", json.dumps({"error": {"message": "invalid JSON"}}))
            return
        served(USAGE)
        if request.get("stream"):
            chunks = [
                {"choices": [{"index": 0, "delta": {"role": "assistant", "content": ANSWER}, "finish_reason": None}]},
                {"choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]},
                {"choices": [], "usage": USAGE},
            ]
            body = "".join("data: " + json.dumps(dict(id="c1", object="chat.completion.chunk", model=MODEL, **c))
                           + "\n\n" for c in chunks) + "data: [DONE]\n\n"
            self._send(200, "text/event-stream", body)
        else:
            self._send(200, "application/json", json.dumps({
                "id": "c1", "object": "chat.completion", "model": MODEL, "usage": USAGE,
                "choices": [{"index": 0, "message": {"role": "assistant", "content": ANSWER}, "finish_reason": "stop"}]}))

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
