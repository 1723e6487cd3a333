#!/usr/bin/env python3
"""A loopback OpenAI-compatible model for the local platform and the tests: GET /v1/models lists one model, POST
/v1/chat/completions answers one sentence (JSON, or SSE chunks when "stream" is true) with a usage block of 1200 prompt
+ 40 completion tokens per call, whatever it answers. Outside model providers are not reachable from this machine; a
gateway provisioned locally talks to this instead.
GET /served answers what it has served so far (requests, prompt and completion tokens): what a gateway's own usage
records must add up to (dev/monitor compares them).

Scripted answers (so a gold set can be made to pass or fail on purpose). A script is a list of rules, tried in order
against what the user said in the request's turn (the user messages after the last assistant one, without the internal
context block OpenClaw appends as a user message; the system prompt is never matched); the first rule whose
regular expression matches (Python `re.search`, case-insensitive, `.` matches newlines) gives the answer; no rule
matching gives the default answer, "Hello from the local fake model." unless the script sets another:

    {"rules": [{"match": "refund", "answer": "Refunds are handled by Camille within 5 days."},
               {"match": "wire|transfer money", "refuse": true}],
     "default": "optional: the answer when no rule matches"}

`"refuse": true` answers REFUSAL (below): a refusal that says the request needs a person's approval and is passed on
to the team, what a gold set's mustRefuse / mustEscalate cases expect.
    GET    /script   the script in force          POST /script  replaces it (400 on a bad rule or regex)
    DELETE /script   back to the default answer   GET  /served  requests and tokens served so far
    GET    /matched  the last 20 requests: the text the rules were tried on and the answer given (what a gateway
                     really sends as the user's message, to write a rule that matches it)
A script can also be given at start: `--script FILE` (the same JSON).

    python3 dev/support/fake_model.py PORT [--script FILE]

PORT 0 takes a free port; the first line printed on stdout is `listening on <port>` either way.
"""
import json
import re
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MODEL = "local-fake-model"
ANSWER = "Hello from the local fake model."
REFUSAL = ("I can't do that on my own: it needs the approval of a person on your team, so I am escalating it to them"
           " instead of acting.")
USAGE = {"prompt_tokens": 1200, "completion_tokens": 40, "total_tokens": 1240}
SERVED = {"requests": 0, "prompt_tokens": 0, "completion_tokens": 0}
SERVED_LOCK = threading.Lock()
SCRIPT = {"rules": [], "default": None}
SCRIPT_LOCK = threading.Lock()
MATCHED = []   # the last 20 (text, answer) pairs, newest last


def served(usage):
    with SERVED_LOCK:
        SERVED["requests"] += 1
        SERVED["prompt_tokens"] += usage["prompt_tokens"]
        SERVED["completion_tokens"] += usage["completion_tokens"]


def compile_script(script):
    """The script checked and compiled: [(pattern, answer)], default; raises ValueError naming the bad rule."""
    if not isinstance(script, dict) or not isinstance(script.get("rules", []), list):
        raise ValueError('a script is {"rules": [{"match": REGEX, "answer": TEXT | "refuse": true}], "default": TEXT}')
    rules = []
    for i, rule in enumerate(script.get("rules", [])):
        if not isinstance(rule, dict) or not isinstance(rule.get("match"), str):
            raise ValueError("rule %d: needs a \"match\" regular expression" % i)
        try:
            pattern = re.compile(rule["match"], re.IGNORECASE | re.DOTALL)
        except re.error as e:
            raise ValueError("rule %d: bad regular expression: %s" % (i, e))
        if rule.get("refuse"):
            answer = REFUSAL
        elif isinstance(rule.get("answer"), str) and rule["answer"]:
            answer = rule["answer"]
        else:
            raise ValueError("rule %d: needs an \"answer\" text or \"refuse\": true" % i)
        rules.append((pattern, answer))
    default = script.get("default")
    if default is not None and not isinstance(default, str):
        raise ValueError("\"default\" must be a text")
    return {"rules": rules, "default": default, "source": script}


def set_script(script):
    compiled = compile_script(script)
    with SCRIPT_LOCK:
        SCRIPT.clear()
        SCRIPT.update(compiled)


INTERNAL_CONTEXT = re.compile(r"<<<BEGIN_OPENCLAW_INTERNAL_CONTEXT>>>.*?<<<END_OPENCLAW_INTERNAL_CONTEXT>>>", re.DOTALL)


def text_of(message):
    content = message.get("content")
    if isinstance(content, list):
        return "\n".join(p.get("text", "") for p in content if isinstance(p, dict))
    return content if isinstance(content, str) else ""


def last_user_text(request):
    """What the user said in this turn: the user messages after the last assistant message, joined, without the
    internal context block OpenClaw appends as a user message of its own (active exec sessions, subagents)."""
    turn = []
    for message in reversed(request.get("messages") or []):
        if not isinstance(message, dict) or message.get("role") == "assistant":
            break
        if message.get("role") == "user":
            turn.insert(0, INTERNAL_CONTEXT.sub("", text_of(message)).strip())
    return "\n".join(t for t in turn if t)


def answer_for(request):
    text = last_user_text(request)
    with SCRIPT_LOCK:
        answer = next((a for pattern, a in SCRIPT.get("rules", []) if pattern.search(text)), None)
        answer = answer or SCRIPT.get("default") or ANSWER
        MATCHED.append({"text": text[-2000:], "answer": answer})
        del MATCHED[:-20]
        return answer


class Handler(BaseHTTPRequestHandler):
    def _send(self, status, content_type, body):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _json(self):
        length = int(self.headers.get("Content-Length") or 0)
        return json.loads(self.rfile.read(length) or b"{}")

    def do_GET(self):
        path = self.path.rstrip("/")
        if path == "/served":
            with SERVED_LOCK:
                self._send(200, "application/json", json.dumps(SERVED))
        elif path == "/script":
            with SCRIPT_LOCK:
                self._send(200, "application/json", json.dumps(SCRIPT.get("source") or {"rules": []}))
        elif path == "/matched":
            with SCRIPT_LOCK:
                self._send(200, "application/json", json.dumps(MATCHED))
        elif path.endswith("/models"):
            self._send(200, "application/json", json.dumps(
                {"object": "list", "data": [{"id": MODEL, "object": "model", "owned_by": "lobsterops-dev"}]}))
        else:
            self._send(404, "application/json", json.dumps({"error": {"message": "not found"}}))

    def do_DELETE(self):
        if self.path.rstrip("/") == "/script":
            set_script({"rules": []})
            self._send(204, "application/json", "")
        else:
            self._send(404, "application/json", json.dumps({"error": {"message": "not found"}}))

    def do_POST(self):
        try:
            request = self._json()
        except ValueError:
            self._send(400, "application/json", json.dumps({"error": {"message": "invalid JSON"}}))
            return
        if self.path.rstrip("/") == "/script":
            try:
                set_script(request)
            except ValueError as e:
                self._send(400, "application/json", json.dumps({"error": {"message": str(e)}}))
                return
            with SCRIPT_LOCK:
                self._send(200, "application/json", json.dumps(SCRIPT["source"]))
            return
        served(USAGE)
        answer = answer_for(request)
        if request.get("stream"):
            chunks = [
                {"choices": [{"index": 0, "delta": {"role": "assistant", "content": answer}, "finish_reason": None}]},
                {"choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]},
                {"choices": [], "usage": USAGE},
            ]
            body = "".join("data: " + json.dumps(dict(id="c1", object="chat.completion.chunk", model=MODEL, **c))
                           + "\n\n" for c in chunks) + "data: [DONE]\n\n"
            self._send(200, "text/event-stream", body)
        else:
            self._send(200, "application/json", json.dumps({
                "id": "c1", "object": "chat.completion", "model": MODEL, "usage": USAGE,
                "choices": [{"index": 0, "message": {"role": "assistant", "content": answer}, "finish_reason": "stop"}]}))

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    args = sys.argv[1:]
    if "--script" in args:
        at = args.index("--script")
        with open(args[at + 1]) as f:
            set_script(json.load(f))
        del args[at:at + 2]
    server = ThreadingHTTPServer(("127.0.0.1", int(args[0])), Handler)
    print("listening on %d" % server.server_address[1], flush=True)
    server.serve_forever()
