using System;
using System.Threading;

namespace NetGen.Runtime.Threading;

/// <summary>
/// How many threads NetGen's batch members may use. The batch members split a batch into a fixed number of parts that
/// depends only on the batch size, and reduce the parts' results in part order, so the thread count changes only the
/// speed, never the results (docs/threads.md).
/// </summary>
public static class BatchParallelism
{
    private static int maxThreads = Math.Max(1, Environment.ProcessorCount);

    /// <summary>
    /// Threads the batch members (<c>TrainBatch</c>, <c>GradientBatch</c>, <c>PredictBatch</c>, <c>Evaluate</c>,
    /// <c>Trainer.Fit</c>) may use, the calling thread included. Default: <see cref="Environment.ProcessorCount"/>
    /// (read once, when the type is first used). 1 runs everything on the calling thread. Results do not depend on it,
    /// bit for bit: only the speed does. Process-wide; thread-safe to read and write; a change applies to calls that
    /// start after it.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public static int MaxThreads
    {
        get => Volatile.Read(ref maxThreads);
        set
        {
            if (value < 1)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(value), value, "MaxThreads must be at least 1 (1 = everything on the calling thread).");
            }

            Volatile.Write(ref maxThreads, value);
        }
    }
}
