#!/usr/bin/env bash
# Publishes samples/GpuTraining self-contained for linux-x64 into one folder, for a GPU machine that has the NVIDIA
# driver but no .NET SDK. The program is also the GPU test runner there:
#   ./GpuTraining --check   the generated GpuTrainer against the CPU path (predictions, losses and parameters after
#                           10 steps, within 1e-5 relative); exit code 1 on a mismatch
#   ./GpuTraining --bench   training samples/s of the GpuTrainer and of the CPU path, batch sizes 1,024 to 65,536
#   ./GpuTraining           trains on a synthetic data set with a progress bar
# NETGEN_ACCELERATOR=cpu|cuda|opencl picks the accelerator (default: CUDA when a device is present, else the CPU).
# Usage: scripts/publish-gpu.sh [output folder, default artifacts/gpu]
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-artifacts/gpu}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

rm -rf "$out"
dotnet publish samples/GpuTraining/GpuTraining.csproj -c Release -r linux-x64 --self-contained true \
  -p:PublishSingleFile=false -o "$out/GpuTraining"

cat > "$out/run-gpu-checks.sh" <<'RUN'
#!/usr/bin/env bash
# Runs on the GPU machine: the GPU check (exit code 1 on a mismatch), then the throughput table.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
export NETGEN_ACCELERATOR="${NETGEN_ACCELERATOR:-cuda}"
"$here/GpuTraining/GpuTraining" --check; rc=$?
"$here/GpuTraining/GpuTraining" --bench
exit $rc
RUN
chmod +x "$out/run-gpu-checks.sh" "$out/GpuTraining/GpuTraining"
echo "Published to $out: copy the folder to the GPU machine and run $out/run-gpu-checks.sh"
