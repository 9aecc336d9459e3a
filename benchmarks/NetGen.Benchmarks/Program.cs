using BenchmarkDotNet.Running;
using NetGen.Benchmarks.Suite;

// `-- --report [results folder] [--readme benchmarks/README.md]` turns the suite's results into the README table
// (see ReportWriter); anything else goes to BenchmarkDotNet, e.g. --filter 'NetGen.Benchmarks.Suite.*'.
// See benchmarks/README.md.
if (args.Length > 0 && args[0] == "--report")
{
    return ReportWriter.Run(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
