namespace NetGen.Benchmarks.Suite;

/// <summary>Stub.</summary>
public static class ReportWriter
{
    /// <summary>Stub.</summary>
    public static int Run(string[] args) => args.Length;
}
