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
#                             the agent's usage per UTC day from START to END (YYYY-MM-DD), rotated and archived
#                             sessions included (openclaw gateway call sessions.usage, groupBy family)
set -u
PROBE_VERSION=1
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
  *)
    refuse "not a probe verb" ;;
esac
