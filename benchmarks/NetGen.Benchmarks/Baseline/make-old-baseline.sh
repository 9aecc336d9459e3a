#!/usr/bin/env bash
# Regenerates benchmarks/NetGen.Benchmarks/Baseline/Generated/Old{NetB,NetC,NetD}.g.cs: the code NetGen's generator
# produced at an older commit for the suite nets B, C and D, kept as plain C# so that the BeforeAfter benchmarks can run
# it next to today's generated code in one BenchmarkDotNet run (benchmarks/README.md, "Before/after the architecture
# rewrite (issue 14)").
#
# Usage (from anywhere inside the repository):   benchmarks/NetGen.Benchmarks/Baseline/make-old-baseline.sh 552efc4
#
# What it does:
#  1. `git worktree add` of <commit> in a temporary folder (removed again at the end);
#  2. there, a scratch project that compiles only that commit's benchmarks/NetGen.Benchmarks/Suite/SuiteNetworks.cs
#     (the [Network] declarations of nets A–D) with that commit's generator, with EmitCompilerGeneratedFiles=true
#     (faster than building the whole benchmark project, and the generated text is the same: the generator sees the
#     same attributes and no project-wide options);
#  3. copies the generated NetB/NetC/NetD files here with scripted edits only (the sed lines below, nothing by hand;
#     the sizes move to IInferenceNetwork and LayerOffsets/LayerActivations are dropped, as INetwork changed in issue 14;
#     OldNetworkLayers.cs supplies the Layers member the old code predates):
#       - namespace NetGen.Benchmarks.Suite → NetGen.Benchmarks.Baseline;
#       - the class renamed NetX → OldNetX (every whole-word occurrence: declaration, constructors, Load, crefs);
#       - a header line naming the commit.
#     The class stays `partial class OldNetX : global::NetGen.INetwork` with no [Network] attributes, so today's
#     generator does not touch it. INetwork (src/NetGen/INetwork.cs) is unchanged since 552efc4; if a later INetwork
#     gains members, add `-e 's/ : global::NetGen\.INetwork$//'` below to drop the interface and keep the members.
#     The old code calls NetGen.Runtime helpers (VectorMath.Exp/Tanh/Log on Vector128/256/512, NetworkArguments,
#     OptimizerSteps.Sgd, ParameterInitializer, NetworkFile, SafetensorsFile); all still exist with the same
#     signatures, so it compiles against today's runtime as is. Note that it therefore also runs today's runtime.
set -euo pipefail

commit="${1:?usage: make-old-baseline.sh <commit>}"
repo="$(git rev-parse --show-toplevel)"
out="$repo/benchmarks/NetGen.Benchmarks/Baseline/Generated"
full="$(git -C "$repo" rev-parse "$commit")"
tmp="$(mktemp -d /tmp/netgen-old-XXXXXX)"
wt="$tmp/wt"

cleanup() { git -C "$repo" worktree remove --force "$wt" 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT

git -C "$repo" worktree add --detach "$wt" "$full" >/dev/null
gen="$wt/benchmarks/OldBaselineGen"
mkdir -p "$gen"
cat >"$gen/OldBaselineGen.csproj" <<'PROJ'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <OutputType>Library</OutputType>
    <IsPackable>false</IsPackable>
    <EmitCompilerGeneratedFiles>true</EmitCompilerGeneratedFiles>
    <EnableDefaultCompileItems>false</EnableDefaultCompileItems>
  </PropertyGroup>
  <ItemGroup>
    <Compile Include="../NetGen.Benchmarks/Suite/SuiteNetworks.cs" />
  </ItemGroup>
  <ItemGroup>
    <ProjectReference Include="../../src/NetGen/NetGen.csproj" />
    <ProjectReference Include="../../src/NetGen.Generator/NetGen.Generator.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
  </ItemGroup>
</Project>
PROJ
dotnet build -c Release "$gen/OldBaselineGen.csproj" -nologo -v:q

mkdir -p "$out"
for net in NetB NetC NetD; do
  src="$(find "$gen/obj" -path '*generated*' -name "NetGen.Benchmarks.Suite.$net.g.cs" | head -n 1)"
  [ -n "$src" ] || { echo "no generated $net in $gen/obj" >&2; exit 1; }
  {
    echo "// Old$net: NetGen's generated code for $net at commit $full, copied by"
    echo "// benchmarks/NetGen.Benchmarks/Baseline/make-old-baseline.sh (namespace and class name changed by script). Do not edit."
    sed -e '1s/^\xEF\xBB\xBF//' \
        -e 's/^namespace NetGen\.Benchmarks\.Suite$/namespace NetGen.Benchmarks.Baseline/' \
        -e "s/\\b$net\\b/Old$net/g" \
        -e 's/global::NetGen\.INetwork\.\(InputSize\|OutputSize\|ParameterCount\)/global::NetGen.IInferenceNetwork.\1/' \
        -e '/global::NetGen\.INetwork\.\(LayerOffsets\|LayerActivations\)/d' \
        "$src"
  } >"$out/Old$net.g.cs"
  echo "wrote $out/Old$net.g.cs"
done
