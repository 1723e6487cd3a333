#!/usr/bin/env python3
"""A loopback Stripe for the local platform: the subset billing-service uses, on 127.0.0.1 only.

  POST /v1/checkout/sessions   creates a Checkout Session (form-encoded like Stripe); the same Idempotency-Key
                               answers the same session, never a second one
  GET  /v1/checkout/sessions   lists the sessions (reconciliation)
  GET  /pay/<session>          the "payment page": a form with one button
  POST /pay/<session>          pays the session and delivers checkout.session.completed and
                               payment_intent.succeeded to the webhook URL, signed like Stripe
                               (Stripe-Signature: t=<unix time>,v1=<HMAC-SHA256 of "t.payload" with the secret>)
  POST /pay/<session>?deliver=no   pays without any webhook (a lost webhook, for reconciliation)

Usage: fake_stripe.py [port] [webhook-url] [webhook-secret]
Defaults: 12111, http://127.0.0.1:8085/stripe/webhook, whsec_local_loopback. Standard library only.
"""
import hashlib
import hmac
import json
import sys
import threading
import time
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT = int(sys.argv[1]) if len(sys.argv) > 1 else 12111
WEBHOOK_URL = sys.argv[2] if len(sys.argv) > 2 else "http://127.0.0.1:8085/stripe/webhook"
SECRET = sys.argv[3] if len(sys.argv) > 3 else "whsec_local_loopback"

LOCK = threading.Lock()
SESSIONS = {}        # id -> session
BY_KEY = {}          # idempotency key -> session id
COUNTER = [0]


def sign(payload: bytes) -> str:
    t = str(int(time.time()))
    digest = hmac.new(SECRET.encode(), t.encode() + b"." + payload, hashlib.sha256).hexdigest()
    return f"t={t},v1={digest}"


def deliver(event: dict) -> str:
    payload = json.dumps(event).encode()
    request = urllib.request.Request(WEBHOOK_URL, data=payload, method="POST", headers={
        "Content-Type": "application/json", "Stripe-Signature": sign(payload)})
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return f"{answer.status} {answer.read().decode()}"
    except Exception as e:  # the webhook's answer is shown, never fatal
        return f"failed: {e}"


class Handler(BaseHTTPRequestHandler):
    def log_message(self, fmt, *args):
        sys.stderr.write("fake-stripe: " + (fmt % args) + "\n")

    def answer(self, status, body, content_type="application/json"):
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Request-Id", "req_loopback")
        self.end_headers()
        self.wfile.write(data)

    def form(self):
        length = int(self.headers.get("Content-Length") or 0)
        return dict(urllib.parse.parse_qsl(self.rfile.read(length).decode(), keep_blank_values=True))

    def do_GET(self):
        url = urllib.parse.urlparse(self.path)
        if url.path == "/v1/checkout/sessions":
            with LOCK:
                data = list(SESSIONS.values())
            return self.answer(200, {"object": "list", "url": "/v1/checkout/sessions", "has_more": False,
                                     "data": data})
        if url.path.startswith("/pay/"):
            session = SESSIONS.get(url.path[len("/pay/"):])
            if not session:
                return self.answer(404, {"error": {"message": "no such session"}})
            page = (f"<html><body><h1>Loopback Stripe</h1><p>{session['amount_total'] / 100:.2f} "
                    f"{session['currency'].upper()}: {session['payment_status']}</p>"
                    f"<form method='post'><button>Pay</button></form></body></html>")
            return self.answer(200, page.encode(), "text/html")
        self.answer(404, {"error": {"type": "invalid_request_error", "message": f"Unrecognized request URL {url.path}"}})

    def do_POST(self):
        url = urllib.parse.urlparse(self.path)
        if url.path == "/v1/checkout/sessions":
            form = self.form()
            key = self.headers.get("Idempotency-Key")
            with LOCK:
                if key and key in BY_KEY:
                    return self.answer(200, SESSIONS[BY_KEY[key]])
                COUNTER[0] += 1
                sid = f"cs_test_local_{COUNTER[0]}_{int(time.time())}"
                metadata = {k[len("metadata["):-1]: v for k, v in form.items() if k.startswith("metadata[")}
                session = {
                    "id": sid, "object": "checkout.session", "mode": "payment", "livemode": False,
                    "url": f"http://127.0.0.1:{PORT}/pay/{sid}", "status": "open", "payment_status": "unpaid",
                    "created": int(time.time()), "client_reference_id": form.get("client_reference_id"),
                    "currency": form.get("line_items[0][price_data][currency]", "eur"),
                    "amount_total": int(form.get("line_items[0][price_data][unit_amount]", "0")),
                    "payment_intent": None, "metadata": metadata,
                }
                SESSIONS[sid] = session
                if key:
                    BY_KEY[key] = sid
            return self.answer(200, session)
        if url.path.startswith("/pay/"):
            sid = url.path[len("/pay/"):]
            with LOCK:
                session = SESSIONS.get(sid)
                if not session:
                    return self.answer(404, {"error": {"message": "no such session"}})
                session.update(payment_status="paid", status="complete", payment_intent="pi_" + sid[3:])
            results = []
            if urllib.parse.parse_qs(url.query).get("deliver", ["yes"])[0] != "no":
                now = int(time.time())
                results.append(deliver({"id": f"evt_cs_{sid}", "object": "event", "created": now,
                                        "type": "checkout.session.completed", "data": {"object": session}}))
                results.append(deliver({"id": f"evt_pi_{sid}", "object": "event", "created": now,
                                        "type": "payment_intent.succeeded", "data": {"object": {
                                            "id": session["payment_intent"], "object": "payment_intent",
                                            "amount_received": session["amount_total"],
                                            "metadata": session["metadata"]}}}))
            return self.answer(200, {"session": session, "webhooks": results})
        self.answer(404, {"error": {"message": f"Unrecognized request URL {url.path}"}})


if __name__ == "__main__":
    server = ThreadingHTTPServer(("127.0.0.1", PORT), Handler)
    sys.stderr.write(f"fake-stripe on 127.0.0.1:{PORT}, webhooks to {WEBHOOK_URL}\n")
    server.serve_forever()
