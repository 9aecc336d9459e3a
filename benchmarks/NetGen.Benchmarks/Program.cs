using BenchmarkDotNet.Running;

// Pick benchmarks with --filter, e.g. --filter '*UnrollLimit*'. See benchmarks/README.md for the latest table.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
