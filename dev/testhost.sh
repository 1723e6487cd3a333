#!/usr/bin/env bash
# The local "client host" for provisioning-service: a dedicated OpenSSH sshd on a loopback port (own config, host key
# and PID file under .dev/<instance>) and a local user standing for the client VPS (architecture §5). The same sshd is
# also the local git server for agent-config-service: a second user whose login shell is git-shell, holding bare
# repositories in its home (ssh://<git user>@127.0.0.1:<port>/home/<git user>/NAME.git).
#
#   dev/testhost.sh start             install openssh-server if missing, create the user, start sshd (idempotent)
#   dev/testhost.sh stop              stop this sshd (never the machine's own)
#   dev/testhost.sh status            running or not, port, user, host key fingerprint
#   dev/testhost.sh user              create the host user only (used by dev/openclaw.sh)
#   dev/testhost.sh authorize KEY     add an OpenSSH public key line to the user's authorized_keys (idempotent)
#   dev/testhost.sh unauthorize KEY   remove the lines of that public key from the user's authorized_keys
#   dev/testhost.sh stop-gateways     stop the gateways running as the user, remembering them
#   dev/testhost.sh start-gateways    start again the gateways stop-gateways stopped
#   dev/testhost.sh fingerprint       the SHA256 fingerprint of this sshd's host key (for POST /hosts/{id}/trust)
#   dev/testhost.sh reset             stop the user's processes and remove what provisioning installed
#                                     (~/.openclaw*, ~/.lobsterops, /tmp/openclaw); keeps ~/.npm, the download cache
#   dev/testhost.sh git-user          install git if missing and create the git user (shell git-shell); a running
#                                     sshd whose config did not allow that user yet reloads it (SIGHUP)
#   dev/testhost.sh git-authorize KEY add an OpenSSH public key line to the git user's authorized_keys (idempotent)
#   dev/testhost.sh git-init-repo NAME  create the bare repository NAME.git (branch main) in the git user's home
#                                     unless it exists; prints its path
#   dev/testhost.sh known-host [PORT] the known_hosts line pinning this sshd's host key as [127.0.0.1]:PORT
#   dev/testhost.sh authorize-monitoring LINE   set monitoring-service's restricted authorized_keys line (restrict,
#                                     forwarding to the gateway ports only, the forced probe), replacing the old one
#   dev/testhost.sh install-probe FILE DIR      install FILE as DIR/monitoring-probe (mode 755) in the user's home
#
#   dev/testhost.sh names            the instance's names as key=value lines (name, port, user, git-user), which
#                                     the tests' TestHost (service-testkit) reads
#
# One instance per set of names (ADRs 0022, 0071). The environment names it: the local platform's scripts run theirs
# through use_local_host (dev/lib.sh); otherwise it is the test run's, named by use_test_host from LOBSTEROPS_RUN_ID
# (which dev/test exports) and LOBSTEROPS_TESTHOST_ROLE (mon: monitoring's tests); without a run id the shared
# instance of before (testhost, 2222, lobster-host, lobster-git). The names:
#   LOBSTEROPS_TESTHOST_NAME      state directory .dev/NAME, PID file and log NAME-sshd
#   LOBSTEROPS_TESTHOST_PORT      the sshd's port on 127.0.0.1
#   LOBSTEROPS_TESTHOST_USER      the client host's login user
#   LOBSTEROPS_TESTHOST_GIT_USER  the git server's user
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
name_test_host

TESTHOST_PORT="${LOBSTEROPS_TESTHOST_PORT:-2222}"
TESTHOST_USER="${LOBSTEROPS_TESTHOST_USER:-lobster-host}"
GIT_USER="${LOBSTEROPS_TESTHOST_GIT_USER:-lobster-git}"
INSTANCE="$LOBSTEROPS_TESTHOST_NAME"
[[ "$INSTANCE" =~ ^[a-z][a-z0-9-]{0,30}$ ]] || die "not an instance name: '$INSTANCE' (LOBSTEROPS_TESTHOST_NAME)"
DIR="$STATE/$INSTANCE"
CONFIG="$DIR/sshd_config"
HOST_KEY="$DIR/ssh_host_ed25519_key"
NAME="$INSTANCE-sshd"

ensure_openssh() {
  [ -x /usr/sbin/sshd ] && return 0
  log "installing openssh-server (apt)"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get install -y -q --no-install-recommends openssh-server >/dev/null 2>&1 \
    || { as_root apt-get update -q >/dev/null && as_root apt-get install -y -q --no-install-recommends openssh-server >/dev/null; }
  [ -x /usr/sbin/sshd ] || die "openssh-server did not install"
}

user_home() { getent passwd "${1:-$TESTHOST_USER}" | cut -d: -f6; }

# ensure_login USER SHELL: the user exists, may log in by key only, and has an authorized_keys file
ensure_login() {
  local user="$1" shell="$2" home keys
  if ! id "$user" >/dev/null 2>&1; then
    log "creating user $user"
    as_root useradd -m -s "$shell" "$user"
  fi
  # useradd leaves the account locked ('!'), which sshd refuses with UsePAM no; '*' = no password, not locked
  if as_root grep -q "^$user:!" /etc/shadow; then as_root usermod -p '*' "$user"; fi
  home="$(user_home "$user")"
  as_root install -d -m 700 -o "$user" -g "$user" "$home/.ssh"
  [ -f "$home/.ssh/authorized_keys" ] || as_root install -m 600 -o "$user" -g "$user" /dev/null "$home/.ssh/authorized_keys"
  # every test run registers fresh keys: keep the newest 200 so the file does not grow without end
  keys="$home/.ssh/authorized_keys"
  if [ "$(as_root wc -l < "$keys")" -gt 400 ]; then
    as_root tail -n 200 "$keys" | as_root tee "$keys.new" >/dev/null
    as_root chown "$user:$user" "$keys.new"; as_root chmod 600 "$keys.new"; as_root mv "$keys.new" "$keys"
  fi
}

ensure_user() { ensure_login "$TESTHOST_USER" /bin/bash; }

# The git server's user: git-shell lets it run only git-receive-pack/git-upload-pack on repositories it can reach.
ensure_git_user() {
  [ -x /usr/bin/git-shell ] || ensure_debs git
  [ -x /usr/bin/git-shell ] || die "git-shell did not install (Debian package git)"
  grep -qx /usr/bin/git-shell /etc/shells || echo /usr/bin/git-shell | as_root tee -a /etc/shells >/dev/null
  ensure_login "$GIT_USER" /usr/bin/git-shell
  [ "$(getent passwd "$GIT_USER" | cut -d: -f7)" = /usr/bin/git-shell ] || as_root usermod -s /usr/bin/git-shell "$GIT_USER"
}

# Writes the sshd config; true when its content changed (a running sshd must reload it).
write_config() {
  mkdir -p "$DIR"
  [ -f "$HOST_KEY" ] || ssh-keygen -q -t ed25519 -N '' -C "lobsterops-$INSTANCE" -f "$HOST_KEY"
  local before=""
  [ -f "$CONFIG" ] && before="$(cat "$CONFIG")"
  cat > "$CONFIG" <<EOF
# generated by dev/testhost.sh: the local client host for provisioning-service and git server for agent-config-service
Port $TESTHOST_PORT
ListenAddress 127.0.0.1
HostKey $HOST_KEY
PidFile $RUN/$NAME.pid
UsePAM no
PasswordAuthentication no
KbdInteractiveAuthentication no
PubkeyAuthentication yes
PermitRootLogin no
AllowUsers $TESTHOST_USER $GIT_USER
AuthorizedKeysFile .ssh/authorized_keys
MaxSessions 64
MaxStartups 64:30:128
ClientAliveInterval 30
LogLevel INFO
Subsystem sftp internal-sftp
EOF
  [ "$before" != "$(cat "$CONFIG")" ]
}

# A running sshd re-reads its config on SIGHUP; the sessions already open are kept (they are its children).
reload_if_changed() {
  if write_config && is_running "$NAME"; then
    /usr/sbin/sshd -t -f "$CONFIG" || die "sshd rejected $CONFIG"
    kill -HUP "$(cat "$(pidfile "$NAME")")"
    wait_port "$TESTHOST_PORT" "$NAME" 10
    log "$NAME reloaded its config"
  fi
}

start() {
  ensure_openssh
  ensure_user
  ensure_git_user
  reload_if_changed || true
  if is_running "$NAME"; then log "$NAME already running on 127.0.0.1:$TESTHOST_PORT"; return 0; fi
  as_root mkdir -p /run/sshd
  /usr/sbin/sshd -t -f "$CONFIG" || die "sshd rejected $CONFIG"
  # sshd daemonizes and writes its own PID file
  /usr/sbin/sshd -f "$CONFIG" -E "$LOGS/$NAME.log"
  wait_port "$TESTHOST_PORT" "$NAME" 10
  log "$NAME on 127.0.0.1:$TESTHOST_PORT, users $TESTHOST_USER and $GIT_USER, host key $(fingerprint)"
}

stop() { stop_pid "$NAME" 5; log "$NAME stopped"; }

fingerprint() { ssh-keygen -l -E sha256 -f "$HOST_KEY.pub" | awk '{print $2}'; }

status() {
  if is_running "$NAME"; then
    echo "running pid=$(cat "$(pidfile "$NAME")") address=127.0.0.1:$TESTHOST_PORT user=$TESTHOST_USER hostKey=$(fingerprint)"
  else
    echo "stopped"; return 3
  fi
}

# authorize USER KEY
authorize() {
  local user="$1" key="${2:-}" home file
  [[ "$key" =~ ^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp256)\ [A-Za-z0-9+/=]+(\ [^[:cntrl:]]*)?$ ]] || die "not an OpenSSH public key line"
  home="$(user_home "$user")"; file="$home/.ssh/authorized_keys"
  as_root grep -qxF "$key" "$file" 2>/dev/null || printf '%s\n' "$key" | as_root tee -a "$file" >/dev/null
  as_root chown "$user:$user" "$file"; as_root chmod 600 "$file"
}

# unauthorize USER KEY: every line holding the key's base64 goes (restricted or not)
unauthorize() {
  local user="$1" key="${2:-}" blob home file
  [[ "$key" =~ ^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp256)\ ([A-Za-z0-9+/=]+) ]] || die "not an OpenSSH public key line"
  blob="${BASH_REMATCH[2]}"
  home="$(user_home "$user")"; file="$home/.ssh/authorized_keys"
  as_root grep -qF " $blob" "$file" 2>/dev/null || return 0
  as_root grep -vF " $blob" "$file" | as_root tee "$file.new" >/dev/null || true
  as_root chown "$user:$user" "$file.new"; as_root chmod 600 "$file.new"; as_root mv "$file.new" "$file"
}

# monitoring-service's key: one line, marked by its comment, replaced rather than appended (what provisioning does on
# a real host; monitoring's tests use it to stand in for provisioning)
authorize_monitoring() {
  local line="${1:-}" home file
  [[ "$line" =~ ^restrict(,[a-z-]+(=\"[^\"[:cntrl:]]*\")?)*\ (ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp256)\ [A-Za-z0-9+/=]+\ lobsterops-monitoring$ ]] \
    || die "not a restricted monitoring key line"
  ensure_user
  home="$(user_home "$TESTHOST_USER")"; file="$home/.ssh/authorized_keys"
  { as_root grep -v ' lobsterops-monitoring$' "$file" 2>/dev/null || true; printf '%s\n' "$line"; } \
    | as_root tee "$file.new" >/dev/null
  as_root chown "$TESTHOST_USER:$TESTHOST_USER" "$file.new"; as_root chmod 600 "$file.new"; as_root mv "$file.new" "$file"
}

install_probe() {
  local src="${1:-}" dir="${2:-}" home
  [ -f "$src" ] || die "no probe script at '$src'"
  [[ "$dir" =~ ^[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*$ && "$dir" != *..* ]] || die "not a directory under the home: '$dir'"
  ensure_user
  home="$(user_home "$TESTHOST_USER")"
  as_root install -d -o "$TESTHOST_USER" -g "$TESTHOST_USER" "$home/$dir"
  as_root install -m 755 -o "$TESTHOST_USER" -g "$TESTHOST_USER" "$src" "$home/$dir/monitoring-probe"
}

git_user() { ensure_git_user; reload_if_changed || true; }

git_init_repo() {
  local name="${1:-}" home dir
  [[ "$name" =~ ^[a-z0-9][a-z0-9._-]{0,99}$ && "$name" != *..* ]] || die "not a repository name: '$name' (lower-case slug)"
  ensure_git_user
  home="$(user_home "$GIT_USER")"; dir="$home/${name%.git}.git"
  [ -f "$dir/HEAD" ] || as_root runuser -u "$GIT_USER" -- git init -q --bare --initial-branch=main "$dir"
  echo "$dir"
}

known_host() {
  local port="${1:-$TESTHOST_PORT}"
  [[ "$port" =~ ^[0-9]{1,5}$ ]] || die "not a port: '$port'"
  echo "[127.0.0.1]:$port $(cut -d' ' -f1-2 "$HOST_KEY.pub")"
}

# stop_gateways: the gateways running as this host's own user (started by provisioning-service through this sshd)
# are stopped, TERM then KILL; their files stay, and provisioning's resume or a new run starts them again.
stop_gateways() {
  id -u "$TESTHOST_USER" >/dev/null 2>&1 || return 0
  as_root pgrep -u "$TESTHOST_USER" -f 'openclaw|gateway-supervisor' >/dev/null || return 0
  as_root pkill -TERM -u "$TESTHOST_USER" -f 'openclaw|gateway-supervisor' 2>/dev/null || true
  for _ in $(seq 50); do as_root pgrep -u "$TESTHOST_USER" -f 'openclaw' >/dev/null || break; sleep 0.1; done
  as_root pkill -KILL -u "$TESTHOST_USER" -f 'openclaw|gateway-supervisor' 2>/dev/null || true
  log "gateways of $TESTHOST_USER stopped"
}

# remember_gateways: which supervised gateways run now (their directory and profile, from the supervisor's command
# line), so that start-gateways starts them again after stop-gateways (dev/down, then dev/up)
STOPPED_LIST="$DIR/stopped-gateways"
remember_gateways() {
  local home pidfile pid args
  home="$(user_home)"; [ -n "$home" ] || return 0
  mkdir -p "$DIR"; : > "$STOPPED_LIST"
  for pidfile in $(as_root sh -c "ls \"$home\"/.lobsterops/gateways/*/supervisor.pid 2>/dev/null" || true); do
    pid="$(as_root cat "$pidfile" 2>/dev/null)" || continue
    [ "$(ps -o user= -p "$pid" 2>/dev/null)" = "$TESTHOST_USER" ] || continue
    # the supervisor's arguments: its directory and the profile
    args="$(as_root tr '\0' ' ' < "/proc/$pid/cmdline" | awk '{print $(NF-1), $NF}')"
    [[ "$args" =~ ^$home/\.lobsterops/gateways/[A-Za-z0-9._-]+\ [A-Za-z0-9._-]+$ ]] && echo "$args" >> "$STOPPED_LIST"
  done
}

# start_gateways: the gateways remember_gateways listed start again under their supervisor, the way provisioning
# starts them (setsid nohup DIR/gateway-supervisor.sh DIR PROFILE, as the host's user)
start_gateways() {
  local home dir profile started=0
  [ -s "$STOPPED_LIST" ] || return 0
  home="$(user_home)"
  while read -r dir profile; do
    as_root test -x "$dir/gateway-supervisor.sh" || continue
    as_root runuser -u "$TESTHOST_USER" -- env -i HOME="$home" USER="$TESTHOST_USER" LOGNAME="$TESTHOST_USER" \
      SHELL=/bin/bash PATH=/usr/local/bin:/usr/bin:/bin bash -c \
      'rm -f "$1/stopped"; setsid nohup "$1/gateway-supervisor.sh" "$1" "$2" > /dev/null 2>&1 < /dev/null &' _ "$dir" "$profile"
    started=$((started + 1))
  done < "$STOPPED_LIST"
  rm -f "$STOPPED_LIST"
  log "$started gateway(s) of $TESTHOST_USER started again (ready within a few minutes)"
}

reset() {
  local home; home="$(user_home)"
  [ -n "$home" ] || return 0
  stop_gateways
  as_root rm -rf "$home"/.openclaw "$home"/.openclaw-* "$home/.lobsterops"
  as_root find /tmp/openclaw -user "$TESTHOST_USER" -delete 2>/dev/null || true
  log "host user $TESTHOST_USER reset (npm cache kept)"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  stop-gateways) remember_gateways; stop_gateways ;;
  start-gateways) start_gateways ;;
  status) status ;;
  user) ensure_user ;;
  authorize) ensure_user; authorize "$TESTHOST_USER" "${2:-}" ;;
  unauthorize) unauthorize "$TESTHOST_USER" "${2:-}" ;;
  fingerprint) fingerprint ;;
  reset) reset ;;
  git-user) git_user ;;
  git-authorize) ensure_git_user; authorize "$GIT_USER" "${2:-}" ;;
  git-init-repo) git_init_repo "${2:-}" ;;
  known-host) known_host "${2:-}" ;;
  authorize-monitoring) authorize_monitoring "${2:-}" ;;
  install-probe) install_probe "${2:-}" "${3:-}" ;;
  names) printf 'name=%s\nport=%s\nuser=%s\ngit-user=%s\n' "$INSTANCE" "$TESTHOST_PORT" "$TESTHOST_USER" "$GIT_USER" ;;
  *) die "usage: $0 start|stop|stop-gateways|start-gateways|status|user|authorize KEY|unauthorize KEY|fingerprint|reset|git-user|git-authorize KEY|git-init-repo NAME|known-host [PORT]|names" ;;
esac
