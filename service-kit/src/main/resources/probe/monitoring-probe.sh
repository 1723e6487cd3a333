#!/bin/sh
# LobsterOps monitoring probe. Installed by provisioning-service next to the OpenClaw installs on every host, it is
# the one command monitoring-service's SSH key may run here (a forced command in authorized_keys): whatever command
# monitoring sends arrives in SSH_ORIGINAL_COMMAND and is only read as one of the verbs below. Read-only: it never
# changes a gateway, a file or a process.
#
#   ping                      {"ok":true,"probe":VERSION}
#   status PROFILE            the gateway's status (openclaw gateway status --json --require-rpc), its RSS and the
#                             SHA-256 of every file in its agent workspace
#   usage PROFILE AGENT START END
#                             OpenClaw's own figure of the agent's usage per UTC day from START to END (YYYY-MM-DD):
#                             openclaw gateway call sessions.usage, groupBy family (2026.9 misses automation sessions)
#   ledger PROFILE AGENT START END
#                             every assistant turn the agent's transcripts record (live sessions, and the archives of
#                             deleted and reset ones), summed per UTC day and model from START to END: the count
#                             monitoring records, read from the agent's SQLite store read-only by the host's Node
#   file PROFILE PATH         one released file of the agent's workspace as JSON (path, sha256, content), to show a
#                             drifted file's diff: a relative path of plain names, not under memory/, a regular file
#                             inside the workspace (no link leading out), at most 256 KiB
set -u
PROBE_VERSION=3
root=$(cd "$(dirname "$0")" && pwd)
export NO_COLOR=1
newest_openclaw=$(ls -d "$root"/openclaw/*/bin 2>/dev/null | sort -V | tail -n 1)
export PATH="$root/node/node_modules/.bin:${newest_openclaw:-/nonexistent}:$PATH"

refuse() { printf '{"ok":false,"error":"%s"}\n' "$1"; exit 64; }
valid_name() { case "$1" in ''|*[!a-z0-9-]*) return 1 ;; esac; [ ${#1} -le 63 ]; }
valid_date() { case "$1" in [0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]) return 0 ;; esac; return 1; }

set -f  # the request is split into words, never expanded as file names
set -- ${SSH_ORIGINAL_COMMAND:-ping}
verb=${1:-ping}
case "$verb" in
  ping)
    [ $# -eq 1 ] || refuse "usage: ping"
    printf '{"ok":true,"probe":%s}\n' "$PROBE_VERSION" ;;
  status)
    [ $# -eq 2 ] && valid_name "$2" || refuse "usage: status PROFILE"
    profile=$2
    out=$(timeout 30 openclaw --profile "$profile" gateway status --json --require-rpc 2>/dev/null); rc=$?
    [ -n "$out" ] || out=null
    pid=$(printf '%s' "$out" | tr -d '\n ' | sed -n 's/.*"listeners":\[{[^]]*"pid":\([0-9]*\).*/\1/p' | head -n 1)
    rss=null
    if [ -n "$pid" ] && [ -r "/proc/$pid/status" ]; then
      rss=$(awk '/^VmRSS:/ { print $2 * 1024 }' "/proc/$pid/status")
    fi
    files=""
    ws="$HOME/.openclaw-$profile/workspace"
    if [ -d "$ws" ]; then
      files=$(cd "$ws" && find . -type f -not -path './.git/*' -print0 2>/dev/null | sort -z \
        | xargs -0 -r sha256sum | awk '{ f = substr($0, index($0, "  ") + 2); sub(/^\.\//, "", f);
          gsub(/\\/, "\\\\", f); gsub(/"/, "\\\"", f); printf "%s\"%s\":\"%s\"", (n++ ? "," : ""), f, $1 }')
    fi
    printf '{"ok":true,"profile":"%s","rc":%s,"rssBytes":%s,"workspace":{%s},"gateway":%s}\n' \
      "$profile" "$rc" "${rss:-null}" "$files" "$out" ;;
  usage)
    [ $# -eq 5 ] && valid_name "$2" && valid_name "$3" && valid_date "$4" && valid_date "$5" \
      || refuse "usage: usage PROFILE AGENT START END"
    params="{\"agentId\":\"$3\",\"startDate\":\"$4\",\"endDate\":\"$5\",\"mode\":\"utc\",\"groupBy\":\"family\",\"limit\":1}"
    out=$(timeout 60 openclaw --profile "$2" gateway call sessions.usage --json --params "$params" 2>/dev/null); rc=$?
    printf '{"ok":%s,"profile":"%s","agentId":"%s","rc":%s,"usage":%s}\n' \
      "$([ $rc -eq 0 ] && echo true || echo false)" "$2" "$3" "$rc" "${out:-null}" ;;
  ledger)
    [ $# -eq 5 ] && valid_name "$2" && valid_name "$3" && valid_date "$4" && valid_date "$5" \
      || refuse "usage: ledger PROFILE AGENT START END"
    state="$HOME/.openclaw-$2"
    [ -d "$state/agents/$3" ] || refuse "no agent $3 in profile $2"
    out=$(timeout 60 node --no-warnings --input-type=module - "$state" "$3" "$4" "$5" 2>/dev/null <<'LEDGER'
import { DatabaseSync } from 'node:sqlite';
import { zstdDecompressSync } from 'node:zlib';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const [state, agent, start, end] = process.argv.slice(2);
const seen = new Set();
const days = new Map();
const sources = { live: 0, archived: 0, files: 0 };

function take(line) {
  let event;
  try { event = JSON.parse(line); } catch { return; }
  const m = event && event.type === 'message' ? event.message : null;
  if (!m || m.role !== 'assistant' || !m.usage) return;
  const id = event.id || `${m.responseId}:${m.timestamp}`;
  if (seen.has(id)) return;
  seen.add(id);
  const at = typeof m.timestamp === 'number' ? m.timestamp : Date.parse(event.timestamp);
  if (!Number.isFinite(at)) return;
  const date = new Date(at).toISOString().slice(0, 10);
  if (date < start || date > end) return;
  const key = `${date}\u0000${m.provider || ''}\u0000${m.model || ''}`;
  const u = m.usage;
  const row = days.get(key) || { date, provider: m.provider || null, model: m.model || null, turns: 0,
    input: 0, output: 0, cacheRead: 0, cacheWrite: 0, cost: 0, unpricedTurns: 0 };
  const cost = u.cost && typeof u.cost.total === 'number' ? u.cost.total : 0;
  row.turns += 1;
  row.input += u.input || 0;
  row.output += u.output || 0;
  row.cacheRead += u.cacheRead || 0;
  row.cacheWrite += u.cacheWrite || 0;
  row.cost += cost;
  if (cost === 0 && (u.input || u.output)) row.unpricedTurns += 1;
  days.set(key, row);
}
function takeAll(bytes, zstd) {
  const text = (zstd ? zstdDecompressSync(bytes) : Buffer.from(bytes)).toString('utf8');
  for (const line of text.split('\n')) if (line.trim()) take(line);
}

const store = join(state, 'agents', agent, 'agent', 'openclaw-agent.sqlite');
if (existsSync(store)) {
  const db = new DatabaseSync(store, { readOnly: true });
  for (const row of db.prepare('select event_json, event_zstd from transcript_events').iterate()) {
    sources.live += 1;
    if (row.event_json) take(row.event_json); else if (row.event_zstd) takeAll(row.event_zstd, true);
  }
  for (const row of db.prepare('select encoding, archive_blob from session_transcript_archives').iterate()) {
    sources.archived += 1;
    takeAll(row.archive_blob, row.encoding === 'zstd');
  }
  db.close();
}
const sessions = join(state, 'agents', agent, 'sessions');
if (existsSync(sessions)) {
  for (const name of readdirSync(sessions)) {
    if (!/\.jsonl(\..+)?$/.test(name)) continue;
    sources.files += 1;
    takeAll(readFileSync(join(sessions, name)), name.endsWith('.zst'));
  }
}
const rows = [...days.values()].sort((a, b) => `${a.date}${a.model}`.localeCompare(`${b.date}${b.model}`));
process.stdout.write(JSON.stringify({ turns: seen.size, sources, days: rows }));
LEDGER
    ); rc=$?
    printf '{"ok":%s,"profile":"%s","agentId":"%s","rc":%s,"ledger":%s}\n' \
      "$([ $rc -eq 0 ] && echo true || echo false)" "$2" "$3" "$rc" "${out:-null}" ;;
  file)
    [ $# -eq 3 ] && valid_name "$2" || refuse "usage: file PROFILE PATH"
    case "$3" in
      /*|*..*|memory/*|.*|*/.*) refuse "not a workspace file: $3" ;;
    esac
    case "$3" in *[!A-Za-z0-9._/-]*) refuse "not a workspace file: $3" ;; esac
    ws="$HOME/.openclaw-$2/workspace"
    out=$(timeout 20 node --no-warnings - "$ws" "$3" 2>/dev/null <<'FILE'
const { realpathSync, statSync, readFileSync } = require('node:fs');
const { createHash } = require('node:crypto');
const { sep } = require('node:path');
const [ws, path] = process.argv.slice(2);
let root, real;
try { root = realpathSync(ws); real = realpathSync(`${ws}/${path}`); } catch { console.log('{"ok":false,"error":"no such file"}'); process.exit(0); }
const st = statSync(real);
if (!real.startsWith(root + sep) || !st.isFile()) { console.log('{"ok":false,"error":"not a workspace file"}'); process.exit(0); }
if (st.size > 262144) { console.log('{"ok":false,"error":"file too large"}'); process.exit(0); }
const bytes = readFileSync(real);
console.log(JSON.stringify({ ok: true, path, sha256: createHash('sha256').update(bytes).digest('hex'), content: bytes.toString('utf8') }));
FILE
    ); rc=$?
    [ $rc -eq 0 ] && [ -n "$out" ] && printf '%s\n' "$out" || refuse "the file could not be read" ;;
  *)
    refuse "not a probe verb" ;;
esac
