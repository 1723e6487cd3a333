#!/usr/bin/env python3
"""A loopback Telegram Bot API for the local platform (no outside Telegram is reachable from this machine): the
subset notification-service uses — sendMessage, editMessageText, answerCallbackQuery — for any bot token, plus two
calls of its own so a person (or dev/monitor) can see the chats and press a message's inline button:

    GET  /chats/<chat id>/messages         what the bot sent to that chat, oldest first (with edits applied)
    POST /press?chat_id=C&message_id=M&username=U
                                            presses the message's first inline button: the callback_query update is
                                            POSTed to the webhook with Telegram's secret-token header

    python3 dev/support/fake_telegram.py PORT WEBHOOK_URL WEBHOOK_SECRET
"""
import itertools
import json
import sys
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

PORT, WEBHOOK_URL, WEBHOOK_SECRET = int(sys.argv[1]), sys.argv[2], sys.argv[3]
LOCK = threading.Lock()
CHATS = {}          # chat id -> list of messages
NEXT_ID = itertools.count(1)
UPDATE_ID = itertools.count(1)


def message(chat_id, message_id):
    for m in CHATS.get(str(chat_id), []):
        if m["message_id"] == message_id:
            return m
    return None


class Handler(BaseHTTPRequestHandler):
    def _send(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return json.loads(self.rfile.read(length) or b"{}")

    def do_GET(self):
        parts = urlparse(self.path).path.strip("/").split("/")
        if len(parts) == 3 and parts[0] == "chats" and parts[2] == "messages":
            with LOCK:
                self._send(200, CHATS.get(parts[1], []))
        else:
            self._send(404, {"ok": False, "error_code": 404, "description": "Not Found"})

    def do_POST(self):
        url = urlparse(self.path)
        if url.path == "/press":
            self._press(parse_qs(url.query))
            return
        parts = url.path.strip("/").split("/")
        if len(parts) != 2 or not parts[0].startswith("bot"):
            self._send(404, {"ok": False, "error_code": 404, "description": "Not Found"})
            return
        method, request = parts[1], self._body()
        with LOCK:
            if method == "sendMessage":
                text = request.get("text", "")
                if len(text) > 4096:
                    self._send(400, {"ok": False, "error_code": 400, "description": "Bad Request: message is too long"})
                    return
                sent = {"message_id": next(NEXT_ID), "chat": {"id": request.get("chat_id")}, "date": int(time.time()),
                        "text": text, "reply_markup": request.get("reply_markup")}
                CHATS.setdefault(str(request.get("chat_id")), []).append(sent)
                self._send(200, {"ok": True, "result": sent})
            elif method == "editMessageText":
                edited = message(request.get("chat_id"), request.get("message_id"))
                if edited is None:
                    self._send(400, {"ok": False, "error_code": 400, "description": "Bad Request: message to edit not found"})
                    return
                edited["text"] = request.get("text", "")
                edited["reply_markup"] = request.get("reply_markup")
                edited["edit_date"] = int(time.time())
                self._send(200, {"ok": True, "result": edited})
            elif method == "answerCallbackQuery":
                self._send(200, {"ok": True, "result": True})
            else:
                self._send(404, {"ok": False, "error_code": 404, "description": "Not Found: method " + method})

    def _press(self, query):
        chat_id, message_id = query.get("chat_id", [""])[0], int(query.get("message_id", ["0"])[0])
        with LOCK:
            pressed = message(chat_id, message_id)
        buttons = ((pressed or {}).get("reply_markup") or {}).get("inline_keyboard") or []
        if not buttons or not buttons[0]:
            self._send(404, {"ok": False, "description": "no message with a button there"})
            return
        update = {"update_id": next(UPDATE_ID), "callback_query": {
            "id": str(int(time.time() * 1000)), "data": buttons[0][0].get("callback_data"),
            "from": {"id": 4242, "is_bot": False, "username": query.get("username", ["sophie"])[0]},
            "message": {"message_id": message_id, "chat": {"id": int(chat_id) if chat_id.lstrip("-").isdigit() else chat_id}}}}
        request = urllib.request.Request(WEBHOOK_URL, data=json.dumps(update).encode(), method="POST", headers={
            "Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": WEBHOOK_SECRET})
        try:
            with urllib.request.urlopen(request, timeout=10) as answer:
                self._send(200, {"ok": True, "webhook": answer.status, "answer": json.loads(answer.read() or b"{}")})
        except Exception as e:  # the webhook's refusal is what the caller wants to see
            self._send(502, {"ok": False, "description": str(e)})

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    ThreadingHTTPServer(("127.0.0.1", PORT), Handler).serve_forever()
