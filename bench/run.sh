#!/usr/bin/env bash
# Runs every OneGrid benchmark once and writes the results (with the machine they ran on) to
# bench/target/results/. A full run takes about 32 minutes on 2 cores, 13 of them loading and querying a
# million cases twice, 7 running the gateway jar. docs/benchmarks.md explains each one.
#
#   bench/run.sh                      build, then run everything
#   SKIP_BUILD=1 bench/run.sh         reuse bench/target/benchmarks.jar (and the gateway and simulator jars)
#   ONLY=cases,events bench/run.sh    run some of: jmh, hub, events, modbus, field, cases, gwmemory, gwalarm, gwdrain, dashboard
#                                     (default: all)
#   JMH_ARGS='-wi 1 -i 2' bench/run.sh       extra JMH options (e.g. a benchmark regex, fewer iterations)
#   HUB_ARGS='--clients 1,8' bench/run.sh    options of the hub ingest bench (see HubIngestBench)
#   EVENTS_ARGS='--alarms 200' bench/run.sh  options of the alarm → live event bench (see AlarmEventBench)
#   CASES_ARGS='--cases 100000 --databases sqlite' bench/run.sh   options of the case query bench (CaseQueryBench)
#   FIELD_ARGS='--duration-s 20' bench/run.sh   options of the field bench (FieldPollBench: Modbus RTU/TCP, CoAP)
#   GW_MEMORY_ARGS, GW_ALARM_ARGS, GW_DRAIN_ARGS='--duration-s 60' ... options of the gateway benches
#                                     (GatewayMemoryBench, AlarmLatencyBench, OutboxDrainBench; each has --help)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
jar="$root/bench/target/benchmarks.jar"
out="$root/bench/target/results"

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  # the gateway benches run the gateway jar (gateway/assembly) and the simulator jar (built for bench anyway)
  mvn -q -pl bench,gateway/assembly -am package -DskipTests
fi
mkdir -p "$out"

{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD -- 2>/dev/null || echo ' (work tree has changes)')"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(nproc) cores online"
  echo "ram: $(free -h | awk '/^Mem:/ {print $2 " total, " $7 " available"}')"
  echo "temp dir disk: $(df -h "${TMPDIR:-/tmp}" | awk 'NR==2 {print $1 " (" $2 ", " $5 " used)"}'), $(findmnt -n -o FSTYPE -T "${TMPDIR:-/tmp}" 2>/dev/null || echo '?')"
  echo "block devices: $(lsblk -d -n -o NAME,ROTA,SIZE 2>/dev/null | awk '{printf "%s%s rota=%s %s", sep, $1, $2, $3; sep="; "}')"
  echo "jdk: $(java -version 2>&1 | head -2 | tr '\n' ' ')"
  echo "load before: $(uptime)"
} | tee "$out/machine.txt"

# Other people's processes disturb the numbers: sample, every 10 s, the load and every process outside this
# run that uses more than 20% of a core (instantaneous, from top), into load.log.
sample_load() {
  while true; do
    snapshot=$(top -b -c -n 2 -d 1 -w 250)
    # this run's own processes (JMH forks, the bench JVMs, this sampler) are the descendants of this script;
    # listed after the snapshot, so that a JMH fork started during it is known
    mine=$(ps -eo pid=,ppid= | awk -v root=$$ '{p[$1] = $2} END {for (x in p) {y = x; while (y > 1 && y != root) y = p[y]; if (y == root) printf "%s ", x}}')
    others=$(awk -v mine=" $mine " '/^top -/{f++} f==2 && $1 ~ /^[0-9]+$/ && $9+0 > 20 && index(mine, " " $1 " ") == 0 {
      c=$12; for (i=13; i<=NF; i++) c=c " " $i; printf "%s%%: %s; ", $9, substr(c, 1, 90)}' <<< "$snapshot")
    echo "$(date +%T) load $(cut -d' ' -f1-3 /proc/loadavg) others: ${others:-none}"
    sleep 9
  done
}
sample_load > "$out/load.log" 2>&1 &
sampler=$!
trap 'kill $sampler 2>/dev/null || true' EXIT

# the parts to run: ONLY=a,b or all of them
wants() { [[ ",${ONLY:-jmh,hub,events,modbus,field,cases,gwmemory,gwalarm,gwdrain,dashboard}," == *",$1,"* ]]; }

if wants jmh; then
  echo; echo "== JMH: outbox append, envelope codec =="
  # shellcheck disable=SC2086
  java -jar "$jar" -rf json -rff "$out/jmh.json" -prof gc ${JMH_ARGS:-} 2>&1 | tee "$out/jmh.txt"
  java -cp "$jar" io.onegrid.bench.JmhRatios "$out/jmh.json" | tee "$out/jmh-ratios.md"
  echo "load after JMH: $(uptime)" | tee -a "$out/machine.txt"
fi

if wants hub; then
  echo; echo "== hub ingest =="
  # shellcheck disable=SC2086
  java -cp "$jar" io.onegrid.bench.hub.HubIngestBench ${HUB_ARGS:-} | tee "$out/hub-ingest.md"
  echo "load after hub ingest: $(uptime)" | tee -a "$out/machine.txt"
fi

if wants events; then
  echo; echo "== alarm -> live case event =="
  # shellcheck disable=SC2086
  java -cp "$jar" io.onegrid.bench.hub.AlarmEventBench ${EVENTS_ARGS:-} | tee "$out/alarm-events.md"
  echo "load after alarm events: $(uptime)" | tee -a "$out/machine.txt"
fi

if wants modbus; then
  echo; echo "== Modbus read planning =="
  java -cp "$jar" io.onegrid.bench.modbus.ReadPlanCount | tee "$out/modbus-plan.md"
fi

if wants field; then
  echo; echo "== field side: Modbus RTU against the line's ceiling, Modbus TCP and CoAP polls, CoAP observe =="
  # shellcheck disable=SC2086
  java -cp "$jar" io.onegrid.bench.field.FieldPollBench --root "$root" ${FIELD_ARGS:-} | tee "$out/field.md"
fi

if wants cases; then
  echo; echo "== case list and KPIs, SQLite and PostgreSQL =="
  # shellcheck disable=SC2086
  java -cp "$jar" io.onegrid.bench.cases.CaseQueryBench ${CASES_ARGS:-} | tee "$out/case-queries.md"
  echo "load after case queries: $(uptime)" | tee -a "$out/machine.txt"
fi

# The gateway benches start the gateway jar with gateway/config/jvm.options, as ./onegrid gateway does, next to
# the simulator jar; one gateway at a time.
if wants gwmemory; then
  echo; echo "== gateway: resident memory and start, 50 devices =="
  # shellcheck disable=SC2086
  java -cp "$jar" io.onegrid.bench.gateway.GatewayMemoryBench ${GW_MEMORY_ARGS:-} | tee "$out/gateway-memory.md"
  echo "load after gateway memory: $(uptime)" | tee -a "$out/machine.txt"
fi

if wants gwalarm; then
  echo; echo "== gateway: GPIO edge -> alarm PUBLISH =="
  # shellcheck disable=SC2086
  java -cp "$jar" io.onegrid.bench.gateway.AlarmLatencyBench ${GW_ALARM_ARGS:-} | tee "$out/gateway-alarm.md"
  echo "load after gateway alarm latency: $(uptime)" | tee -a "$out/machine.txt"
fi

if wants gwdrain; then
  echo; echo "== gateway: outbox drain after an outage =="
  # shellcheck disable=SC2086
  java -cp "$jar" io.onegrid.bench.gateway.OutboxDrainBench ${GW_DRAIN_ARGS:-} | tee "$out/gateway-drain.md"
  echo "load after gateway drain: $(uptime)" | tee -a "$out/machine.txt"
fi

# needs Debian's chromium and chromium-driver (./onegrid test installs them)
if wants dashboard; then
  echo; echo "== dashboard: GPIO edge -> case row in Chromium, and the first load =="
  # shellcheck disable=SC2086
  java -cp "$jar" io.onegrid.bench.gateway.DashboardLatencyBench ${DASHBOARD_ARGS:-} | tee "$out/dashboard.md"
  echo "load after dashboard: $(uptime)" | tee -a "$out/machine.txt"
fi

kill $sampler 2>/dev/null || true
busy=$(grep -vc 'others: none' "$out/load.log" || true)
echo "samples with other processes above 20% CPU: $busy of $(wc -l < "$out/load.log") (see load.log)" | tee -a "$out/machine.txt"
echo; echo "results in $out"
