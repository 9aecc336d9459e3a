using System;
using System.Linq;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using NetGen.Benchmarks.Suite;

// `-- --suite` runs the issue-5 suite (NetGen.Benchmarks.Suite.*) with its short job (SuiteConfig.Job);
// `-- --report [results folder] [--readme benchmarks/README.md]` turns its results into the README table
// (ReportWriter); anything else goes to BenchmarkDotNet as is, e.g. --filter '*UnrollLimit*' --job short.
// See benchmarks/README.md.
if (args.Length > 0 && args[0] == "--report")
{
    return ReportWriter.Run(args[1..]);
}

if (args.Contains("--suite"))
{
    string[] rest = args.Where(a => a != "--suite").ToArray();
    if (!rest.Contains("--filter")) rest = rest.Concat(new[] { "--filter", "NetGen.Benchmarks.Suite.*" }).ToArray();
    var config = ManualConfig.Create(DefaultConfig.Instance).AddJob(SuiteConfig.Job).WithBuildTimeout(TimeSpan.FromMinutes(10));
    BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(rest, config);
    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
