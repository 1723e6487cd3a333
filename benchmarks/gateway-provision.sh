#!/usr/bin/env bash
# One gateway provisioned through the running local platform (dev/up): dev/provision places it on the local host
# and follows the run; this prints run start -> ready and each step's duration, from the run's own step times.
# Target (architecture §6): <= 90 s with a warm npm cache; anchor: npm install 34 s + onboard 11 s + ready 25-36 s.
# Usage: benchmarks/gateway-provision.sh [acme|globex]
source "$(dirname "$0")/lib.sh"
use_local_host
mkdir -p "$ROOT/benchmarks/results"
out="$ROOT/benchmarks/results/gateway-provision-$(date -u +%Y%m%dT%H%M%SZ).log"
"$ROOT/dev/provision" "${1:-acme}" | tee "$out"
run="$(grep -o 'provisioning run [0-9a-f-]\{36\}' "$out" | awk '{print $3}' | tail -1)"
[ -n "$run" ] || die "no provisioning run found in $out"
token="$(dev_token engineer)"
curl -fsS -H "Authorization: Bearer $token" "http://127.0.0.1:${SERVICE_PORT[provisioning-service]}/provisioning-runs/$run" \
  | jq -r '
      def secs(a; b): ((b | sub("\\.[0-9]+Z$"; "Z") | fromdate) - (a | sub("\\.[0-9]+Z$"; "Z") | fromdate));
      (.steps[] | "  \(.name): \(.status) \(if .startedAt and .finishedAt then (secs(.startedAt; .finishedAt) | tostring) + " s" else "" end)"),
      "gateway provisioned, run start -> ready: \(secs(.steps[0].startedAt; .steps[-1].finishedAt)) s (target <= 90 s; anchor 70-81 s)"'
