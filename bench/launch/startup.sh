#!/usr/bin/env bash
# Start-up time and idle memory of the packaged tool (see bench/launch/README.md).
#
#   bench/launch/startup.sh                      # build the jar, then one run with the recommended flags
#   bench/launch/startup.sh --skip-build         # reuse target/proofwork-*.jar
#   bench/launch/startup.sh --compare [runs]     # several JVM flag sets, [runs] (default 3) each, medians
#   bench/launch/startup.sh --restart [runs]     # restarts on a data directory a first run created (no migrations, keys exist)
#   JVM_FLAGS="-Xmx256m" bench/launch/startup.sh --skip-build   # one run with flags of your choice
#
# Each run starts `java -jar` on a fresh, empty H2 data directory (so Flyway migrates and the first signing key is
# generated, as on a first deployment), times launch -> /actuator/health/readiness answering UP, waits IDLE seconds
# (default 10) without traffic, reads VmRSS from /proc/<pid>/status, then stops the tool with SIGTERM.
set -euo pipefail
cd "$(dirname "$0")/../.."

PORT=${PORT:-18080}
IDLE=${IDLE:-10}
RECOMMENDED="-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -XX:MaxRAM=1g -XX:ReservedCodeCacheSize=64m -XX:MaxMetaspaceSize=192m"
build=true
compare=false
restart=false
runs=3
KEEP_DATA=""
for arg in "$@"; do
	case "$arg" in
		--skip-build) build=false ;;
		--compare) compare=true ;;
		--restart) restart=true ;;
		[0-9]*) runs=$arg ;;
		*) echo "unknown argument $arg" >&2; exit 2 ;;
	esac
done

if $build; then
	./mvnw -q -B -DskipTests package
fi
jar=$(ls target/proofwork-*.jar | grep -v -- '-plain' | head -1)

# CPU seconds (user + system) a process has used so far.
cpu_s() { awk '{print ($14 + $15) / 100}' "/proc/$1/stat"; }

# one_run FLAGS -> prints "ready_ms rss_mb cpu_s_to_ready"
one_run() {
	local flags=$1 data log pid start ready rss cpu
	data=${KEEP_DATA:-$(mktemp -d /tmp/proofwork-startup.XXXXXX)}
	log=$data/tool.log
	start=$(date +%s%N)
	# shellcheck disable=SC2086
	java $flags -jar "$jar" --server.port="$PORT" --proofwork.data-dir="$data" \
		--proofwork.base-url="http://localhost:$PORT" >"$log" 2>&1 &
	pid=$!
	ready=""
	for _ in $(seq 1 1200); do
		if curl -fs "http://127.0.0.1:$PORT/actuator/health/readiness" 2>/dev/null | grep -q '"UP"'; then
			ready=$(( ($(date +%s%N) - start) / 1000000 ))
			cpu=$(cpu_s "$pid")
			break
		fi
		if ! kill -0 "$pid" 2>/dev/null; then break; fi
		sleep 0.05
	done
	if [ -z "$ready" ]; then
		echo "tool did not become ready; log: $log" >&2
		kill "$pid" 2>/dev/null || true
		exit 1
	fi
	sleep "$IDLE"
	rss=$(awk '/^VmRSS/ {printf "%.0f", $2/1024}' "/proc/$pid/status")
	kill -TERM "$pid"
	wait "$pid" 2>/dev/null || true
	[ -n "$KEEP_DATA" ] || rm -rf "$data"
	echo "$ready $rss $cpu"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

measure() {
	local name=$1 flags=$2 results ready rss cpu
	results=$(for _ in $(seq 1 "$runs"); do one_run "$flags"; done)
	ready=$(echo "$results" | awk '{print $1}' | median)
	rss=$(echo "$results" | awk '{print $2}' | median)
	cpu=$(echo "$results" | awk '{print $3}' | median)
	printf '%-34s ready %6s ms  CPU to ready %5s s  idle RSS %4s MB  load %s  (runs: %s)\n' "$name" "$ready" "$cpu" \
		"$rss" "$(cut -d' ' -f1 /proc/loadavg)" "$(echo "$results" | awk '{printf "%s ms/%s MB/%s s  ", $1, $2, $3}')"
}

echo "Proofwork start-up: $jar, $(nproc) CPUs, $(java -version 2>&1 | head -1), H2 data dir (fresh unless --restart), idle ${IDLE}s"
echo "(load average at start: $(cut -d' ' -f1-3 /proc/loadavg); on a busy machine compare 'CPU to ready', which load barely changes)"
if $restart; then
	KEEP_DATA=$(mktemp -d /tmp/proofwork-startup.XXXXXX)
	runs_wanted=$runs
	runs=1
	measure "first start (recommended)" "$RECOMMENDED"
	runs=$runs_wanted
	measure "restart, same data dir (recommended)" "$RECOMMENDED"
	measure "restart, same data dir (Dockerfile)" "-XX:MaxRAMPercentage=75"
	rm -rf "$KEEP_DATA"
elif $compare; then
	measure "Dockerfile (G1, -XX:MaxRAMPercentage=75)" "-XX:MaxRAMPercentage=75"
	measure "SerialGC + C1 only" "-XX:+UseSerialGC -XX:TieredStopAtLevel=1"
	measure "SerialGC + small memory, C2 kept" "-XX:+UseSerialGC -Xss512k -XX:MaxRAM=1g -XX:ReservedCodeCacheSize=64m -XX:MaxMetaspaceSize=192m"
	measure "recommended (all of the above)" "$RECOMMENDED"
else
	runs=1
	measure "${JVM_FLAGS:+custom}${JVM_FLAGS:-recommended}" "${JVM_FLAGS:-$RECOMMENDED}"
fi
