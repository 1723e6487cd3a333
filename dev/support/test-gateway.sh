#!/usr/bin/env bash
# A real OpenClaw gateway on the SSH test host, for monitoring-service's tests: Node 24 and the pinned openclaw
# installed as the test host's user into ~/DIR in the layout provisioning-service uses (DIR/node, DIR/openclaw/<v>,
# where the monitoring probe finds them), one profile onboarded non-interactively against a model URL (the loopback
# fake model), heartbeat off as provisioning sets it, and `gateway run` in the background. The npm cache that
# dev/openclaw.sh warms makes the install quick; an install already there is kept.
#
#   dev/support/test-gateway.sh start DIR PROFILE PORT MODEL_URL   install if missing, onboard, start; wait for /readyz
#   dev/support/test-gateway.sh openclaw DIR PROFILE ARGS...        run `openclaw --profile PROFILE ARGS...` as the user
#   dev/support/test-gateway.sh freeze|thaw DIR PROFILE             SIGSTOP / SIGCONT the gateway (a hung gateway)
#   dev/support/test-gateway.sh stop DIR PROFILE                    stop the gateway and remove the profile's state
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

name_test_host   # the test run's host (LOBSTEROPS_RUN_ID, LOBSTEROPS_TESTHOST_ROLE: ADR 0071)
HOST_USER="${LOBSTEROPS_TESTHOST_USER:-lobster-host}"
PROPS="$ROOT/provisioning-service/src/main/resources/application.properties"
VERSION="$(sed -n 's/^lobsterops\.provisioning\.openclaw\.version=//p' "$PROPS")"
NODE_PACKAGE="$(sed -n 's/^lobsterops\.provisioning\.openclaw\.node-package=//p' "$PROPS")"
NODE_PACKAGE="${NODE_PACKAGE:-node@24}"

valid_dir() { [[ "$1" =~ ^[A-Za-z0-9._-]+$ && "$1" != .. && "$1" != . ]] || die "not a directory name: '$1'"; }
valid_profile() { [[ "$1" =~ ^[a-z0-9-]{1,63}$ ]] || die "not a profile name: '$1'"; }

# as_host DIR SCRIPT: bash -c SCRIPT as the test host's user, with DIR's Node and openclaw first on PATH
as_host() {
  local home; home="$(getent passwd "$HOST_USER" | cut -d: -f6)"
  as_root runuser -u "$HOST_USER" -- env -i HOME="$home" NO_COLOR=1 \
    PATH="$home/$1/node/node_modules/.bin:$home/$1/openclaw/$VERSION/bin:/usr/local/bin:/usr/bin:/bin" \
    bash -c "$2"
}

install() {
  local dir="$1"
  as_host "$dir" "test -x \$HOME/$dir/openclaw/$VERSION/bin/openclaw && test -x \$HOME/$dir/node/node_modules/.bin/node" \
    && return 0
  log "installing $NODE_PACKAGE and openclaw@$VERSION into ~$HOST_USER/$dir"
  as_host "$dir" "set -e; mkdir -p \$HOME/$dir/node \$HOME/$dir/openclaw/$VERSION
    gc=\$(npm config get globalconfig)
    cd \$HOME/$dir/node && npm install --prefer-offline --no-audit --no-fund --loglevel=error $NODE_PACKAGE >/dev/null
    npm install -g --prefix \$HOME/$dir/openclaw/$VERSION --globalconfig \"\$gc\" --prefer-offline --no-audit \
      --no-fund --loglevel=error openclaw@$VERSION >/dev/null
    openclaw --version"
}

start() {
  local dir="$1" profile="$2" port="$3" model_url="$4" deadline
  valid_dir "$dir"; valid_profile "$profile"
  [[ "$port" =~ ^[0-9]{2,5}$ ]] || die "not a port: '$port'"
  [[ "$model_url" =~ ^http://127\.0\.0\.1:[0-9]+/v1$ ]] || die "the model URL must be a loopback http://127.0.0.1:PORT/v1"
  "$ROOT/dev/testhost.sh" user
  install "$dir"
  stop "$dir" "$profile" >/dev/null 2>&1 || true
  as_host "$dir" "set -e
    CUSTOM_API_KEY=sk-loopback-fake openclaw --profile $profile onboard --non-interactive --accept-risk --json \
      --mode local --flow quickstart --skip-health --no-install-daemon --skip-channels --skip-skills --skip-search \
      --skip-ui --skip-hooks --agent-name main --auth-choice custom-api-key --custom-base-url $model_url \
      --custom-model-id local-fake-model --custom-provider-id fakellm --custom-compatibility openai \
      --custom-text-input --gateway-port $port --gateway-bind loopback --gateway-auth token \
      --gateway-token test-gateway-$profile >/dev/null
    openclaw --profile $profile config set agents.defaults.heartbeat.every '\"0m\"' --strict-json >/dev/null"
  launch "$dir" "$profile"
  # a gateway that gives up starting (on a loaded machine its state lease can miss its 5 s start-up budget) is started
  # again, as provisioning's supervisor would
  local starts=1
  deadline=$((SECONDS + ${LOBSTEROPS_TEST_GATEWAY_READY_TIMEOUT:-300}))
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/readyz")" = 200 ]; do
    [ "$SECONDS" -lt "$deadline" ] || die "gateway $profile not ready on 127.0.0.1:$port after $starts start(s) (log: ~$HOST_USER/$dir/$profile-gateway.log)"
    if ! as_host "$dir" "kill -0 \$(cat \$HOME/$dir/$profile-gateway.pid) 2>/dev/null" && [ "$starts" -lt 4 ]; then
      warn "gateway $profile stopped while starting; starting it again"
      starts=$((starts + 1))
      launch "$dir" "$profile"
    fi
    sleep 2
  done
  log "gateway $profile ready on 127.0.0.1:$port"
}

launch() {
  as_host "$1" "nohup openclaw --profile $2 gateway run >>\$HOME/$1/$2-gateway.log 2>&1 &
    echo \$! > \$HOME/$1/$2-gateway.pid"
}

run_openclaw() {
  local dir="$1" profile="$2" args="" a; shift 2
  valid_dir "$dir"; valid_profile "$profile"
  for a in "$@"; do args+=" $(printf '%q' "$a")"; done
  as_host "$dir" "openclaw --profile $profile$args"
}

stop() {
  local dir="$1" profile="$2"
  valid_dir "$dir"; valid_profile "$profile"
  as_host "$dir" "f=\$HOME/$dir/$profile-gateway.pid
    if [ -f \$f ]; then pkill -TERM -P \$(cat \$f) 2>/dev/null; kill -TERM \$(cat \$f) 2>/dev/null; sleep 2
      pkill -KILL -P \$(cat \$f) 2>/dev/null; kill -KILL \$(cat \$f) 2>/dev/null; rm -f \$f; fi
    rm -rf \$HOME/.openclaw-$profile"
}

signal() {
  local dir="$1" profile="$2" sig="$3"
  valid_dir "$dir"; valid_profile "$profile"
  as_host "$dir" "kill -$sig \$(cat \$HOME/$dir/$profile-gateway.pid)"
}

case "${1:-}" in
  start) shift; [ $# -eq 4 ] || die "usage: $0 start DIR PROFILE PORT MODEL_URL"; start "$@" ;;
  openclaw) shift; [ $# -ge 3 ] || die "usage: $0 openclaw DIR PROFILE ARGS..."; run_openclaw "$@" ;;
  freeze) shift; [ $# -eq 2 ] || die "usage: $0 freeze DIR PROFILE"; signal "$1" "$2" STOP ;;
  thaw) shift; [ $# -eq 2 ] || die "usage: $0 thaw DIR PROFILE"; signal "$1" "$2" CONT ;;
  stop) shift; [ $# -eq 2 ] || die "usage: $0 stop DIR PROFILE"; stop "$@" ;;
  *) die "usage: $0 start DIR PROFILE PORT MODEL_URL | openclaw DIR PROFILE ARGS... | freeze|thaw|stop DIR PROFILE" ;;
esac
