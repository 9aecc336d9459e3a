namespace NetGen.Tests.Concurrency;

/// <summary>
/// Tests that set <see cref="NetGen.Runtime.Threading.BatchParallelism.MaxThreads"/> (process-wide) belong to this
/// collection, which xUnit runs on its own after the parallel ones, so that no other test sees a thread count it did
/// not ask for (and the allocation tests see no other test's allocations).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BatchParallelismCollection
{
    public const string Name = "BatchParallelism";
}
