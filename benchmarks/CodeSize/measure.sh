#!/usr/bin/env bash
# Generated code size and generator time, per network (benchmarks/README.md, "Generated code size and generator time").
#
# Usage (from anywhere; needs only the .NET SDK):
#   benchmarks/CodeSize/measure.sh [OUTPUT.md] [NETWORK...]
# Prints a markdown table to stdout and, when OUTPUT.md is given, writes the same text to that file. NETWORK names
# folders of benchmarks/CodeSize/Networks/ (default: all of them, in the table's order).
#
# Each folder of benchmarks/CodeSize/Networks/ is a class library with exactly one [Network] class that references
# src/NetGen (runtime) and src/NetGen.Generator (as an analyzer), the way samples/*/ do; its shared settings are in
# Networks/Directory.Build.props (net10.0, Release, EmitCompilerGeneratedFiles). For each network the script
#   1. builds it once with `dotnet build -c Release` (restore, the NetGen projects, a first compile that warms the
#      compiler server); a build that fails because NetworkAttribute has no `Trainable` property (a NetGen without
#      inference-only networks) leaves its row out with a note; any other failure stops the script;
#   2. counts the bytes of the generated C# (every .g.cs file NetGen.Generator wrote under
#      obj/Release/net10.0/generated/NetGen.Generator/) and of bin/Release/net10.0/<Network>.dll;
#   3. compiles it RUNS more times (default 3; environment variable RUNS): touches Network.cs so csc really runs, builds
#      with `--no-restore --no-dependencies -p:ReportAnalyzer=true -v:d`, and reads NetGen.Generator.NetworkGenerator's
#      line of csc's "Generator execution time" report (Roslyn's /reportanalyzer; seconds); the table gives the median
#      and, in brackets, every run. The time is wall-clock inside the compiler server, so it grows with the machine's
#      load: the header gives the load average before and after; compare times only from quiet runs.
# Detailed logs of the last run of each network are kept in $TMPDIR/netgen-codesize/<Network>.log.
set -euo pipefail
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
runs="${RUNS:-3}"
out_file=""
if [ $# -gt 0 ] && [[ "$1" == *.md ]]; then out_file="$1"; shift; fi
nets=("$@")
[ ${#nets[@]} -gt 0 ] || nets=(Classifier ClassifierInference NetA NetB NetC NetD)
logs="${TMPDIR:-/tmp}/netgen-codesize"
mkdir -p "$logs"

declare -A label=(
  [Classifier]="6-32-32-3 classifier (tanh, tanh, softmax; cross-entropy), trainable"
  [ClassifierInference]="6-32-32-3 classifier, inference only (\`Trainable = false\`)"
  [NetA]="A: 3-1-1 (sigmoid, sigmoid; MSE)"
  [NetB]="B: 8-16-16-4 (tanh, tanh, identity; MSE)"
  [NetC]="C: 32-64-64-8 (relu, relu, identity; MSE)"
  [NetD]="D: 784-128-10 (relu, softmax; cross-entropy)"
)

kb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1024 }'; }
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

load_before=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')
rows=()
notes=()
for net in "${nets[@]}"; do
  dir="$here/Networks/$net"
  [ -f "$dir/$net.csproj" ] || { echo "no project $dir/$net.csproj" >&2; exit 2; }
  log="$logs/$net.log"
  echo "== $net: first build" >&2
  if ! dotnet build "$dir/$net.csproj" -c Release > "$log" 2>&1; then
    if grep -qE "error CS[0-9]+:.*'Trainable'" "$log"; then
      notes+=("- ${label[$net]:-$net}: left out, this NetGen has no \`Trainable\` property on \`[Network]\` ($(grep -m1 -oE "error CS[0-9]+:[^[]*'Trainable'[^[]*" "$log" | sed 's/ *$//')).")
      echo "   skipped: no Trainable property" >&2
      continue
    fi
    tail -n 30 "$log" >&2
    echo "$net did not build (log: $log)" >&2
    exit 1
  fi
  generated="$dir/obj/Release/net10.0/generated/NetGen.Generator"
  cs_bytes=$(find "$generated" -name '*.g.cs' -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
  cs_files=$(find "$generated" -name '*.g.cs' -type f | wc -l)
  dll_bytes=$(stat -c %s "$dir/bin/Release/net10.0/$net.dll")
  times=()
  for ((i = 1; i <= runs; i++)); do
    echo "== $net: timed compile $i/$runs" >&2
    touch "$dir/Network.cs"
    dotnet build "$dir/$net.csproj" -c Release --no-restore --no-dependencies -p:ReportAnalyzer=true -v:d > "$log" 2>&1 \
      || { tail -n 30 "$log" >&2; echo "$net did not build (log: $log)" >&2; exit 1; }
    t=$(awk '$3 == "NetGen.Generator.NetworkGenerator" && $1 ~ /^<?[0-9.]+$/ { t = $1 } END { print t }' "$log")
    [ -n "$t" ] || { echo "no NetworkGenerator time in $log" >&2; exit 1; }
    times+=("${t#<}")
  done
  med=$(median "${times[@]}")
  all=$(IFS=,; echo "${times[*]}" | sed 's/,/, /g')
  rows+=("| ${label[$net]:-$net} | $cs_bytes ($(kb "$cs_bytes") KB, $cs_files file$([ "$cs_files" = 1 ] || echo s)) | $dll_bytes ($(kb "$dll_bytes") KB) | $med ($all) |")
done

cpu=$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -n1)
os=$(sed -n 's/^PRETTY_NAME="\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' /etc/os-release 2>/dev/null | head -n1)
{
  echo "Measured $(date -u +%Y-%m-%d) by \`benchmarks/CodeSize/measure.sh\` at commit $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo '?'):"
  echo "${cpu:-unknown CPU}, $(nproc) cores, ${os:+$os, }$(uname -sr), .NET SDK $(dotnet --version); median of $runs compiles;"
  echo "load average (1, 5, 15 min) $load_before before, $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?') after (generator times grow with the load)."
  echo
  echo "| Network | Generated C# (bytes) | DLL (bytes) | Generator time (s), median (runs) |"
  echo "|---|---:|---:|---:|"
  printf '%s\n' "${rows[@]}"
  if awk -v l="${load_before%% *}" -v n="$(nproc)" 'BEGIN { exit !(l + 0 > n + 0) }'; then
    notes+=("- The load average before the run (${load_before%% *}) was above the $(nproc) cores: the generator times are upper bounds.")
  fi
  if [ ${#notes[@]} -gt 0 ]; then echo; printf '%s\n' "${notes[@]}"; fi
} | tee ${out_file:+"$out_file"}
