using System.Linq;
using BenchmarkDotNet.Running;
using NetGen.Benchmarks.Suite;

// `-- --suite` runs the issue-5 suite (NetGen.Benchmarks.Suite.*) with its short job (SuiteConfig.JobArguments);
// `-- --report [results folder] [--readme benchmarks/README.md]` turns its results into the README table
// (ReportWriter); `-- --isa` runs InstructionSets.InstructionSetBenchmarks (scalar against SIMD under emulated
// instruction sets, issue 13) with its own jobs; `-- --before-after` runs BeforeAfter.* (the generated code of commit
// 552efc4 against today's, issue 14) with the suite's job; `-- --speed` runs the issue-15 classes (NetGen.Benchmarks.Speed.*:
// chained Predict, TrainBatch by batch size and thread scaling against hand-written SIMD code) and the FMA peak probe with
// the suite's job; `-- --vector-math` runs VectorMathSpeed.* (VectorMath's Tanh and Sigmoid before and after issue 15)
// with the suite's job; `-- --sequence` runs Sequence.* (streaming steps and training through time, issue 16) with the
// suite's job; `-- --convolution` runs Convolution.* (issue 17's layered networks against ONNX Runtime, batch-1 Predict
// and TrainBatch(64)) and the FMA peak probe with the suite's job; `-- --backward` runs OwnLoss.* (issue 19: BackwardBatch against
// GradientBatch and Backward row by row) with the suite's job; `-- --determinism` runs Determinism.* (issue 19: the
// cost of Deterministic = true, Predict and TrainBatch(64)) with the suite's job; anything else goes to BenchmarkDotNet as is, e.g.
// --filter '*UnrollLimit*' --job short.
// See benchmarks/README.md.
if (args.Length > 0 && args[0] == "--report")
{
    return ReportWriter.Run(args[1..]);
}

if (args.Contains("--suite"))
{
    // The job goes in as command-line options of BenchmarkDotNet's one base job: a job added to a config would be
    // run in addition to any job the command line names (BenchmarkDotNet unions them).
    string[] rest = args.Where(a => a != "--suite").ToArray();
    if (!rest.Contains("--filter")) rest = rest.Concat(new[] { "--filter", "NetGen.Benchmarks.Suite.*" }).ToArray();
    args = rest.Concat(SuiteConfig.JobArguments).ToArray();
}

if (args.Contains("--before-after"))
{
    // Issue 14: the generator's code before the architecture rewrite against today's (BeforeAfter/), with the suite's job.
    string[] rest = args.Where(a => a != "--before-after").ToArray();
    if (!rest.Contains("--filter")) rest = rest.Concat(new[] { "--filter", "NetGen.Benchmarks.BeforeAfter.*" }).ToArray();
    args = rest.Concat(SuiteConfig.JobArguments).ToArray();
}

if (args.Contains("--speed"))
{
    // Issue 15: NetGen against hand-written Vector256 code, plus Suite.FmaPeak for the % of peak, with the suite's job.
    string[] rest = args.Where(a => a != "--speed").ToArray();
    if (!rest.Contains("--filter"))
    {
        rest = rest.Concat(new[] { "--filter", "NetGen.Benchmarks.Speed.*", "NetGen.Benchmarks.Suite.FmaPeak.*" }).ToArray();
    }

    args = rest.Concat(SuiteConfig.JobArguments).ToArray();
}

if (args.Contains("--vector-math"))
{
    // Issue 15: the exp-based Tanh and Sigmoid against the rational ones (VectorMathSpeed/), with the suite's job.
    string[] rest = args.Where(a => a != "--vector-math").ToArray();
    if (!rest.Contains("--filter")) rest = rest.Concat(new[] { "--filter", "NetGen.Benchmarks.VectorMathSpeed.*" }).ToArray();
    args = rest.Concat(SuiteConfig.JobArguments).ToArray();
}

if (args.Contains("--determinism"))
{
    // Issue 19: Deterministic = true against the default paths (Determinism/), with the suite's job.
    string[] rest = args.Where(a => a != "--determinism").ToArray();
    if (!rest.Contains("--filter")) rest = rest.Concat(new[] { "--filter", "NetGen.Benchmarks.Determinism.*" }).ToArray();
    args = rest.Concat(SuiteConfig.JobArguments).ToArray();
}

if (args.Contains("--backward"))
{
    // Issue 19: BackwardBatch (matrix kernels) against GradientBatch and Backward row by row (OwnLoss/), with the suite's job.
    string[] rest = args.Where(a => a != "--backward").ToArray();
    if (!rest.Contains("--filter")) rest = rest.Concat(new[] { "--filter", "NetGen.Benchmarks.OwnLoss.*" }).ToArray();
    args = rest.Concat(SuiteConfig.JobArguments).ToArray();
}

if (args.Contains("--sequence"))
{
    // Issue 16: streaming steps against plain C# loops, and training through time (Sequence/), with the suite's job.
    string[] rest = args.Where(a => a != "--sequence").ToArray();
    if (!rest.Contains("--filter")) rest = rest.Concat(new[] { "--filter", "NetGen.Benchmarks.Sequence.*" }).ToArray();
    args = rest.Concat(SuiteConfig.JobArguments).ToArray();
}

if (args.Contains("--convolution"))
{
    // Issue 17: SensorClassifier and MlAgentsSimpleEncoder against ONNX Runtime, plus Suite.FmaPeak for the % of peak.
    string[] rest = args.Where(a => a != "--convolution").ToArray();
    if (!rest.Contains("--filter"))
    {
        rest = rest.Concat(new[] { "--filter", "NetGen.Benchmarks.Convolution.*", "NetGen.Benchmarks.Suite.FmaPeak.*" }).ToArray();
    }

    args = rest.Concat(SuiteConfig.JobArguments).ToArray();
}

if (args.Contains("--isa"))
{
    args = args.Where(a => a != "--isa").Concat(new[] { "--filter", "NetGen.Benchmarks.InstructionSets.*" }).ToArray();
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
