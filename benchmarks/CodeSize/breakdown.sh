#!/usr/bin/env bash
# Bytes of one generated network file per section (docs/design/code-size.md).
#
# Usage: benchmarks/CodeSize/breakdown.sh FILE.g.cs
#   e.g. benchmarks/CodeSize/breakdown.sh benchmarks/CodeSize/Networks/Classifier/obj/Release/net10.0/generated/NetGen.Generator/NetGen.Generator.NetworkGenerator/CodeSize.Classifier.g.cs
#   (after benchmarks/CodeSize/measure.sh, or any build with EmitCompilerGeneratedFiles=true).
# The file is cut into class members: a member starts at its `/// <summary>` block (or at its declaration when it has
# none) at the class's member indentation, and is named by its declaration. Members are grouped by name:
#   scalar forward / loss / gradient kernels  NetGenForwardKernel*, NetGenLossKernel*, NetGenGradientKernel* (with Part*)
#   lane kernels, per width W                 NetGen{Forward,Loss,Gradient}LanesW* (with Part*)
#   lane drivers, per width W                 NetGen{PredictBatch,Evaluate,BatchGradient}LanesW
#   neuron (batch-1 SIMD) kernels             NetGenPredictNeuronsW, NetGenPack
#   GPU                                       members whose name holds Gpu or Ilgpu
#   class members                             everything else (header, fields, public API, save/load, optimizer)
# Per group: bytes, share of the file, members, lines, and the bytes of `//` comment lines (not `///`) and of
# leading indentation inside it, which a generator could drop without changing the code.
set -euo pipefail
[ $# -eq 1 ] && [ -f "$1" ] || { sed -n 2,6p "$0" >&2; exit 2; }
LC_ALL=C awk '
function group(name,   w, k) {
  if (name ~ /Gpu|Ilgpu|ILGPU/) return "GPU"
  if (name ~ /^NetGenForwardKernel/) return "scalar kernels: forward"
  if (name ~ /^NetGenLossKernel/) return "scalar kernels: loss"
  if (name ~ /^NetGenGradientKernel/) return "scalar kernels: gradient"
  if (name ~ /^NetGen(Forward|Loss|Gradient)Lanes[0-9]+/) {
    w = name; sub(/^NetGen(Forward|Loss|Gradient)Lanes/, "", w); sub(/[^0-9].*$/, "", w)
    k = name; sub(/^NetGen/, "", k); sub(/Lanes.*$/, "", k)
    return "lane kernels " w ": " tolower(k)
  }
  if (name ~ /^NetGen(PredictBatch|Evaluate|BatchGradient)Lanes[0-9]+$/) { w = name; sub(/^.*Lanes/, "", w); return "lane drivers " w }
  if (name ~ /^NetGenPredictNeurons[0-9]+$/) { w = name; sub(/^NetGenPredictNeurons/, "", w); return "neuron kernels " w }
  if (name == "NetGenPack") return "neuron kernels: packing"
  return "class members"
}
function declname(s,   parts, n) {
  sub(/\(.*$/, "", s); sub(/[ ]*(=>|=|;|\{).*$/, "", s); sub(/[ ]+$/, "", s)
  n = split(s, parts, " "); return parts[n]
}
BEGIN { cur = "class members"; indent = -1 }
{
  bytes = length($0) + 1; total += bytes
  lead = 0; if (match($0, /^[ ]+/)) lead = RLENGTH
  body = substr($0, lead + 1)
  # The member indentation is that of the first line after the class body opens.
  if (indent < 0 && opened && lead > 0) indent = lead
  if (!opened && prev ~ /partial class / && body == "{") opened = 1
  if (indent > 0 && lead == indent && body ~ /^\/\/\//) {
    if (!indoc) { indoc = 1; docbytes = 0; doclines = 0; docgroup = cur }
    docbytes += bytes; doclines++
  } else if (indent > 0 && lead == indent && body != "" && body !~ /^(\{|\}|\[|\/\/|#)/) {
    cur = group(declname(body))
    if (indoc) { size[docgroup] -= docbytes; lines[docgroup] -= doclines; size[cur] += docbytes; lines[cur] += doclines }
    members[cur]++; indoc = 0
  } else if (lead <= indent) indoc = 0
  size[cur] += bytes; lines[cur]++
  if (body ~ /^\/\// && body !~ /^\/\/\//) comment[cur] += bytes
  ws[cur] += lead
  prev = $0
}
END {
  printf "%s: %d bytes\n\n", FILENAME, total
  printf "| Section | Bytes | Share | Members | Lines | of which // comments | of which indentation |\n"
  printf "|---|---:|---:|---:|---:|---:|---:|\n"
  for (g in size) printf "| %s | %d | %.1f %% | %d | %d | %d | %d |\n", g, size[g], 100 * size[g] / total, members[g], lines[g], comment[g], ws[g] | "sort"
}' "$1"
