#!/usr/bin/env bash
# The health sweep of architecture §6: 200 emulated gateways (a /readyz responder on 200 loopback ports) behind the local
# sshd test host, spread over 10 emulated hosts (10 SSH connections), probed by monitoring-service's own sweep code
# with monitoring's restricted key (forwarding channels, connections kept). Prints the cold sweep (connect and
# authenticate included) and the median warm sweep, then Ansible's sweep of the same 200 targets when ansible is
# installed (apt-get install ansible), in the same run.
#
#   benchmarks/probe-sweep.sh [gateways] [hosts] [warm sweeps]
source "$(dirname "$0")/lib.sh"
GATEWAYS="${1:-200}" HOSTS="${2:-10}" WARM="${3:-5}"
cd "$ROOT"
select_jdk
"$ROOT/dev/testhost.sh" start >/dev/null
ensure_packaged monitoring-service

work="$(mktemp -d)"; pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

python3 "$ROOT/benchmarks/support/readyz_responders.py" "$GATEWAYS" "$work/ports" & pids+=($!)
for _ in $(seq 50); do [ -s "$work/ports" ] && break; sleep 0.2; done
[ -s "$work/ports" ] || die "the /readyz responders did not start"

# what provisioning does on a host: the probe, and monitoring's restricted line for these ports
ssh-keygen -q -t ed25519 -N '' -C lobsterops-monitoring -f "$work/key"
permit=""; for p in $(cat "$work/ports"); do permit+=",permitopen=\"127.0.0.1:$p\""; done
"$ROOT/dev/testhost.sh" install-probe "$ROOT/service-kit/src/main/resources/probe/monitoring-probe.sh" .lobsterops-bench
"$ROOT/dev/testhost.sh" authorize-monitoring \
  "restrict,port-forwarding$permit,command=\".lobsterops-bench/monitoring-probe\" $(cut -d' ' -f1-2 "$work/key.pub") lobsterops-monitoring"
fingerprint="$("$ROOT/dev/testhost.sh" fingerprint)"

cp="$ROOT/monitoring-service/target/quarkus-app/app/*:$ROOT/monitoring-service/target/quarkus-app/lib/main/*:$ROOT/monitoring-service/target/quarkus-app/lib/boot/*"
log "sweep: $GATEWAYS gateways over $HOSTS SSH connections, $WARM warm sweeps"
java -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "$cp" "$ROOT/benchmarks/support/ProbeSweepBench.java" "$work/key" "$fingerprint" lobster-host \
  "$work/ports" "$HOSTS" "$WARM" | tee "$RESULTS/probe-sweep.txt"

if command -v ansible >/dev/null; then
  # Ansible needs a login that may run commands: a plain key of its own on the same user, removed afterwards
  ssh-keygen -q -t ed25519 -N '' -C lobsterops-bench-ansible -f "$work/ansible"
  "$ROOT/dev/testhost.sh" authorize "$(cat "$work/ansible.pub")"
  : > "$work/inventory"
  for p in $(cat "$work/ports"); do
    echo "gw$p ansible_host=127.0.0.1 ansible_port=2222 ansible_user=lobster-host readyz_port=$p" >> "$work/inventory"
  done
  export ANSIBLE_HOST_KEY_CHECKING=False ANSIBLE_PRIVATE_KEY_FILE="$work/ansible"
  for mode in default controlpersist; do
    if [ "$mode" = controlpersist ]; then
      export ANSIBLE_SSH_ARGS="-o ControlMaster=auto -o ControlPersist=60s" ANSIBLE_PIPELINING=True
      ansible all -i "$work/inventory" -f 50 -m raw -a 'true' >/dev/null 2>&1 || true   # warm the masters
    fi
    start=$(date +%s.%N)
    ansible all -i "$work/inventory" -f 50 -m raw \
      -a 'curl -fsS -o /dev/null http://127.0.0.1:{{ readyz_port }}/readyz' >"$work/ansible-$mode.log" 2>&1 || true
    end=$(date +%s.%N)
    ok=$(grep -c ' | CHANGED\| | SUCCESS' "$work/ansible-$mode.log" || true)
    printf 'ANSIBLE %-15s %6.2f s (%s of %s answered)\n' "$mode" "$(echo "$end - $start" | bc)" "$ok" "$GATEWAYS" \
      | tee -a "$RESULTS/probe-sweep.txt"
  done
  home="$(getent passwd lobster-host | cut -d: -f6)"
  as_root sed -i '/ lobsterops-bench-ansible$/d' "$home/.ssh/authorized_keys"
else
  log "ansible is not installed: its sweep is not measured in this run (apt-get install ansible)"
fi
log "targets: warm ≤ 1.0 s, cold ≤ 5 s (anchors on this kind of machine: Ansible best tuned 5.8 s, default 118 s)"
