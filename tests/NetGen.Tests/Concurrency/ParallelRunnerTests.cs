using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using NetGen.Runtime.Threading;
using NetGen.Tests.Allocation;

namespace NetGen.Tests.Concurrency;

/// <summary>
/// <see cref="ParallelRunner"/> and <see cref="BatchParallelism"/>: every part exactly once, spans intact on every
/// thread, the lowest failing part's exception, re-entrant and concurrent calls, no allocation per call.
/// </summary>
[Collection(BatchParallelismCollection.Name)]
public sealed class ParallelRunnerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static TheoryData<int> ThreadCounts => new() { 1, 2, 3, 4 };

    /// <summary>Runs <paramref name="test"/> with <see cref="BatchParallelism.MaxThreads"/> set, restoring it after.</summary>
    private static void WithMaxThreads(int threads, Action test)
    {
        int saved = BatchParallelism.MaxThreads;
        try
        {
            BatchParallelism.MaxThreads = threads;
            test();
        }
        finally
        {
            BatchParallelism.MaxThreads = saved;
        }
    }

    /// <summary>Runs <paramref name="test"/> on another thread and fails (instead of hanging) if it deadlocks.</summary>
    private static void WithinTimeout(Action test)
    {
        var task = Task.Factory.StartNew(test, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        Assert.True(task.Wait(Timeout), "the runner did not return (deadlock?)");
    }

    // ---- every part exactly once ----

    private sealed class CountingBody : IParallelBody
    {
        public readonly int[] Counts;
        public readonly int[] Threads;

        public CountingBody(int parts)
        {
            Counts = new int[parts];
            Threads = new int[parts];
        }

        public void Run(int part)
        {
            Interlocked.Increment(ref Counts[part]);
            Threads[part] = Environment.CurrentManagedThreadId;
            Thread.SpinWait(50);
        }
    }

    private readonly struct CountingSpanBody : IParallelSpanBody
    {
        private readonly int[] counts;

        public CountingSpanBody(int[] counts) => this.counts = counts;

        public void Run(int part, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c)
        {
            Interlocked.Increment(ref counts[part]);
            Thread.SpinWait(50);
        }
    }

    [Theory]
    [MemberData(nameof(ThreadCounts))]
    public void EveryPartRunsExactlyOnce(int threads) => WithMaxThreads(threads, () => WithinTimeout(() =>
    {
        for (int parts = 0; parts <= 40; parts++)
        {
            for (int repeat = 0; repeat < 5; repeat++)
            {
                var body = new CountingBody(parts);
                ParallelRunner.Run(body, parts);
                Assert.All(body.Counts, count => Assert.Equal(1, count));

                var counts = new int[parts];
                ParallelRunner.Run(new CountingSpanBody(counts), default, default, default, parts);
                Assert.All(counts, count => Assert.Equal(1, count));
            }
        }
    }));

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void NoParts_ReturnsAtOnce(int parts) => WithMaxThreads(4, () =>
    {
        ParallelRunner.Run(new ThrowingBody(), parts);
        ParallelRunner.Run(new ThrowingSpanBody(), default, default, default, parts);
    });

    [Fact]
    public void NullBody_Throws()
    {
        Assert.Equal("body", Assert.Throws<ArgumentNullException>(() => ParallelRunner.Run(null!, 4)).ParamName);
        Assert.Equal("body", Assert.Throws<ArgumentNullException>(
            () => ParallelRunner.Run<IParallelSpanBody>(null!, default, default, default, 4)).ParamName);
    }

    private sealed class OrderBody : IParallelBody
    {
        public readonly List<(int Part, int Thread)> Calls = new();

        public void Run(int part)
        {
            lock (Calls)
            {
                Calls.Add((part, Environment.CurrentManagedThreadId));
            }
        }
    }

    [Fact]
    public void OneThread_RunsEveryPartOnTheCaller_InOrder() => WithMaxThreads(1, () =>
    {
        var body = new OrderBody();
        ParallelRunner.Run(body, 25);
        Assert.Equal(Enumerable.Range(0, 25), body.Calls.Select(c => c.Part));
        Assert.All(body.Calls, c => Assert.Equal(Environment.CurrentManagedThreadId, c.Thread));
    });

    [Theory]
    [MemberData(nameof(ThreadCounts))]
    public void OnePart_RunsOnTheCaller(int threads) => WithMaxThreads(threads, () =>
    {
        var body = new OrderBody();
        ParallelRunner.Run(body, 1);
        Assert.Equal(new[] { (0, Environment.CurrentManagedThreadId) }, body.Calls);
    });

    private sealed class SlowBody : IParallelBody
    {
        public readonly int[] Threads;
        public readonly string?[] Names;
        public readonly bool[] Background;

        public SlowBody(int parts)
        {
            Threads = new int[parts];
            Names = new string?[parts];
            Background = new bool[parts];
        }

        public void Run(int part)
        {
            Threads[part] = Environment.CurrentManagedThreadId;
            Names[part] = Thread.CurrentThread.Name;
            Background[part] = Thread.CurrentThread.IsBackground;
            Thread.Sleep(2);
        }
    }

    [Theory]
    [MemberData(nameof(ThreadCounts))]
    public void UsesAtMostMaxThreads_TheCallerAndNamedBackgroundWorkers(int threads) => WithMaxThreads(threads, () =>
    {
        var body = new SlowBody(40);
        int caller = Environment.CurrentManagedThreadId;
        ParallelRunner.Run(body, 40);
        int distinct = body.Threads.Distinct().Count();
        Assert.InRange(distinct, 1, threads);
        if (threads > 1)
        {
            // 40 parts of 2 ms: the workers wake up long before the caller could run them all.
            Assert.True(distinct > 1, "no worker ran a part");
        }

        for (int part = 0; part < 40; part++)
        {
            if (body.Threads[part] != caller)
            {
                Assert.Matches(@"^NetGen worker [1-9][0-9]*$", body.Names[part]);
                Assert.True(body.Background[part]);
            }
        }
    });

    // ---- spans ----

    /// <summary>c[i] = a[i] + 10·b[i] (b may be empty) for the part's own range; checks the lengths every part sees.</summary>
    private readonly struct AddSpanBody : IParallelSpanBody
    {
        private readonly int perPart, aLength, bLength, cLength;

        public AddSpanBody(int perPart, int aLength, int bLength, int cLength)
        {
            this.perPart = perPart;
            this.aLength = aLength;
            this.bLength = bLength;
            this.cLength = cLength;
        }

        public void Run(int part, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c)
        {
            if (a.Length != aLength || b.Length != bLength || c.Length != cLength)
            {
                throw new InvalidOperationException($"part {part}: lengths {a.Length}, {b.Length}, {c.Length}");
            }

            int start = part * perPart, end = Math.Min(c.Length, start + perPart);
            for (int i = start; i < end; i++)
            {
                c[i] = a[i] + (b.IsEmpty ? 0 : 10 * b[i]);
            }

            Thread.SpinWait(100);
        }
    }

    [Theory]
    [MemberData(nameof(ThreadCounts))]
    public void Spans_ArriveIntact_OnEveryThread(int threads) => WithMaxThreads(threads, () => WithinTimeout(() =>
    {
        const int n = 1000, perPart = 37, parts = (n + perPart - 1) / perPart;

        // Slices at an offset into larger arrays: the parts must see the slices, not the arrays.
        float[] aArray = Enumerable.Range(0, n + 3).Select(i => (float)i - 3).ToArray();
        float[] bArray = Enumerable.Range(0, n + 5).Select(i => i * 0.5f).ToArray();
        float[] cArray = new float[n + 7];
        ReadOnlySpan<float> a = aArray.AsSpan(3, n), b = bArray.AsSpan(5, n);
        Span<float> c = cArray.AsSpan(2, n);
        for (int repeat = 0; repeat < 20; repeat++)
        {
            c.Clear();
            ParallelRunner.Run(new AddSpanBody(perPart, n, n, n), a, b, c, parts);
            for (int i = 0; i < n; i++)
            {
                Assert.Equal(a[i] + 10 * b[i], c[i]);
            }

            Assert.Equal(0f, cArray[0]);
            Assert.Equal(0f, cArray[1]);
            Assert.All(cArray.Skip(n + 2), x => Assert.Equal(0f, x));
        }

        // Stack memory, and empty spans.
        Span<float> stackA = stackalloc float[64], stackC = stackalloc float[64];
        for (int i = 0; i < 64; i++) stackA[i] = i * i;
        ParallelRunner.Run(new AddSpanBody(8, 64, 0, 64), stackA, ReadOnlySpan<float>.Empty, stackC, 8);
        for (int i = 0; i < 64; i++) Assert.Equal(stackA[i], stackC[i]);
        stackC.Clear();
        var withB = new float[64];
        ParallelRunner.Run(new AddSpanBody(8, 64, 64, 64), stackA, withB, stackC, 8);
        for (int i = 0; i < 64; i++) Assert.Equal(stackA[i], stackC[i]);
        ParallelRunner.Run(new AddSpanBody(8, 0, 0, 0), default, default, default, 8);
    }));

    private sealed class AddSpanClassBody : IParallelSpanBody
    {
        public int Calls;

        public void Run(int part, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c)
        {
            Interlocked.Increment(ref Calls);
            for (int i = part * 10; i < part * 10 + 10; i++) c[i] = a[i] * b[i];
        }
    }

    [Theory]
    [MemberData(nameof(ThreadCounts))]
    public void Spans_WithAClassBody(int threads) => WithMaxThreads(threads, () =>
    {
        float[] a = Enumerable.Range(0, 100).Select(i => (float)i).ToArray(), b = Enumerable.Repeat(3f, 100).ToArray();
        var c = new float[100];
        var body = new AddSpanClassBody();
        ParallelRunner.Run(body, a, b, c, 10);
        Assert.Equal(10, body.Calls);
        for (int i = 0; i < 100; i++) Assert.Equal(3f * i, c[i]);
    });

    // ---- exceptions ----

    private sealed class PartFailedException : Exception
    {
        public PartFailedException(int part) : base($"part {part}") => Part = part;

        public int Part { get; }
    }

    /// <summary>Parts 7, 13 and 30 throw (from <see cref="Fail"/>); counts the runs and the parts still running.</summary>
    private sealed class ThrowingBody : IParallelBody
    {
        public readonly int[] Counts = new int[40];
        public int Running;

        public void Run(int part)
        {
            Interlocked.Increment(ref Running);
            try
            {
                Interlocked.Increment(ref Counts[part]);
                Thread.SpinWait(200);
                if (part is 7 or 13 or 30)
                {
                    Fail(part);
                }
            }
            finally
            {
                Interlocked.Decrement(ref Running);
            }
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        public static void Fail(int part) => throw new PartFailedException(part);
    }

    private readonly struct ThrowingSpanBody : IParallelSpanBody
    {
        public void Run(int part, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c)
        {
            Thread.SpinWait(200);
            if (part is 7 or 13 or 30)
            {
                ThrowingBody.Fail(part);
            }
        }
    }

    [Theory]
    [MemberData(nameof(ThreadCounts))]
    public void Exceptions_TheLowestFailingPartIsRethrown_AfterEveryPartHasFinished(int threads) => WithMaxThreads(threads, () => WithinTimeout(() =>
    {
        for (int repeat = 0; repeat < 20; repeat++)
        {
            var body = new ThrowingBody();
            var ex = Assert.Throws<PartFailedException>(() => ParallelRunner.Run(body, 40));
            Assert.Equal(7, ex.Part);
            Assert.Equal(0, Volatile.Read(ref body.Running));

            // The original stack trace: thrown in Fail, called from the body's Run.
            Assert.Contains(nameof(ThrowingBody.Fail), ex.StackTrace);
            Assert.Contains($"{nameof(ThrowingBody)}.{nameof(ThrowingBody.Run)}", ex.StackTrace);

            // Parts 0..7 ran (the lowest failing part and all below it); none ran twice.
            for (int part = 0; part <= 7; part++) Assert.Equal(1, body.Counts[part]);
            Assert.All(body.Counts, count => Assert.InRange(count, 0, 1));

            var spanEx = Assert.Throws<PartFailedException>(
                () => ParallelRunner.Run(new ThrowingSpanBody(), default, default, default, 40));
            Assert.Equal(7, spanEx.Part);
            Assert.Contains(nameof(ThrowingBody.Fail), spanEx.StackTrace);

            // The runner works normally after a failure.
            var counting = new CountingBody(40);
            ParallelRunner.Run(counting, 40);
            Assert.All(counting.Counts, count => Assert.Equal(1, count));
        }
    }));

    // ---- re-entrancy and concurrent callers ----

    /// <summary>Each outer part runs an inner call; records the thread and the order of the inner parts.</summary>
    private sealed class NestedBody : IParallelBody
    {
        public readonly OrderBody[] Inner;
        public readonly int[] OuterThreads;
        public readonly int[] InnerSpanCounts;

        public NestedBody(int parts)
        {
            Inner = Enumerable.Range(0, parts).Select(_ => new OrderBody()).ToArray();
            OuterThreads = new int[parts];
            InnerSpanCounts = new int[parts * 6];
        }

        public void Run(int part)
        {
            OuterThreads[part] = Environment.CurrentManagedThreadId;
            ParallelRunner.Run(Inner[part], 5);
            var inner = new NestedSpanBody(InnerSpanCounts, part);
            ParallelRunner.Run(inner, default, default, default, 6);
        }
    }

    private readonly struct NestedSpanBody : IParallelSpanBody
    {
        private readonly int[] counts;
        private readonly int outer;

        public NestedSpanBody(int[] counts, int outer)
        {
            this.counts = counts;
            this.outer = outer;
        }

        public void Run(int part, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c) =>
            Interlocked.Increment(ref counts[outer * 6 + part]);
    }

    [Theory]
    [MemberData(nameof(ThreadCounts))]
    public void NestedCalls_RunInlineOnThePartsThread_WithoutDeadlock(int threads) => WithMaxThreads(threads, () => WithinTimeout(() =>
    {
        for (int repeat = 0; repeat < 20; repeat++)
        {
            var body = new NestedBody(12);
            ParallelRunner.Run(body, 12);
            for (int outer = 0; outer < 12; outer++)
            {
                var calls = body.Inner[outer].Calls;
                Assert.Equal(Enumerable.Range(0, 5), calls.Select(c => c.Part));
                Assert.All(calls, c => Assert.Equal(body.OuterThreads[outer], c.Thread));
            }

            Assert.All(body.InnerSpanCounts, count => Assert.Equal(1, count));
        }
    }));

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void ConcurrentCallers_EachGetEveryPartExactlyOnce(int threads) => WithMaxThreads(threads, () =>
    {
        const int callers = 4, calls = 300;
        using var start = new Barrier(callers);
        var errors = new Exception?[callers];
        var workers = Enumerable.Range(0, callers).Select(k => new Thread(() =>
        {
            try
            {
                start.SignalAndWait();
                for (int call = 0; call < calls; call++)
                {
                    int parts = 1 + (call + k) % 24;
                    var body = new CountingBody(parts);
                    ParallelRunner.Run(body, parts);
                    Assert.All(body.Counts, count => Assert.Equal(1, count));

                    var a = Enumerable.Range(0, parts * 4).Select(i => (float)(i + k)).ToArray();
                    var c = new float[parts * 4];
                    ParallelRunner.Run(new AddSpanBody(4, a.Length, a.Length, c.Length), a, a, c, parts);
                    for (int i = 0; i < c.Length; i++) Assert.Equal(11 * a[i], c[i]);
                }
            }
            catch (Exception e)
            {
                errors[k] = e;
            }
        }) { IsBackground = true }).ToArray();
        foreach (var worker in workers) worker.Start();
        foreach (var worker in workers) Assert.True(worker.Join(Timeout), "a caller did not finish (deadlock?)");
        Assert.All(errors, Assert.Null);
    });

    // ---- allocation ----

    private sealed class NoOpBody : IParallelBody
    {
        public void Run(int part) => Thread.SpinWait(20);
    }

    private readonly struct SumSpanBody : IParallelSpanBody
    {
        public void Run(int part, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c) => c[part] = a[part] + b[part];
    }

    [Theory]
    [MemberData(nameof(ThreadCounts))]
    public void Run_DoesNotAllocateOnTheCaller(int threads) => WithMaxThreads(threads, () =>
    {
        var body = new NoOpBody();
        NoAllocation.Assert($"ParallelRunner.Run(IParallelBody) with {threads} threads", 2000, () => ParallelRunner.Run(body, 16));
        var a = new float[16];
        var b = new float[16];
        var c = new float[16];
        NoAllocation.Assert($"ParallelRunner.Run(spans) with {threads} threads", 2000,
            () => ParallelRunner.Run(new SumSpanBody(), a, b, c, 16));
    });

    /// <summary>Records each thread's allocated-bytes counter at the first and the last part it runs.</summary>
    private sealed class AllocationProbe : IParallelBody
    {
        private const int MaxThreadId = 1 << 16;
        public readonly long[] First = new long[MaxThreadId];
        public readonly long[] Last = new long[MaxThreadId];
        public readonly bool[] Seen = new bool[MaxThreadId];
        public volatile bool Recording;

        public void Run(int part)
        {
            if (Recording)
            {
                long bytes = GC.GetAllocatedBytesForCurrentThread();
                int id = Environment.CurrentManagedThreadId;
                if (id < MaxThreadId)
                {
                    if (!Seen[id])
                    {
                        Seen[id] = true;
                        First[id] = bytes;
                    }

                    Last[id] = bytes;
                }
            }

            Thread.SpinWait(300);
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void Run_DoesNotAllocateOnTheWorkers(int threads) => WithMaxThreads(threads, () =>
    {
        const int calls = 1000;
        var probe = new AllocationProbe();
        for (int i = 0; i < 300; i++) ParallelRunner.Run(probe, 16);
        Thread.Sleep(150);
        for (int i = 0; i < 300; i++) ParallelRunner.Run(probe, 16);

        // The whole process: one object per call anywhere would be at least 24 000 bytes per 1000 calls. The test host
        // has threads of its own (reporting earlier tests' results, for one) that may allocate during a window, so the
        // quietest of a few windows counts; a per-call allocation of the runner would show in every one.
        probe.Recording = true;
        long quietest = long.MaxValue;
        for (int window = 0; window < 8 && quietest >= calls * 8; window++)
        {
            long before = GC.GetTotalAllocatedBytes(precise: true);
            for (int i = 0; i < calls; i++) ParallelRunner.Run(probe, 16);
            quietest = Math.Min(quietest, GC.GetTotalAllocatedBytes(precise: true) - before);
        }

        probe.Recording = false;
        Assert.True(quietest < calls * 8, $"the process allocated {quietest} bytes over {calls} calls");

        // Each thread's own counter, from the first part it ran to the last (all windows): the worker loop between
        // calls included.
        int caller = Environment.CurrentManagedThreadId, workersSeen = 0;
        for (int id = 0; id < probe.Seen.Length; id++)
        {
            if (!probe.Seen[id]) continue;
            if (id != caller) workersSeen++;
            Assert.True(probe.Last[id] == probe.First[id], $"thread {id} allocated {probe.Last[id] - probe.First[id]} bytes between its first and last part");
        }

        Assert.True(workersSeen > 0, "no worker ran a part");
    });

    // ---- BatchParallelism.MaxThreads ----

    [Fact]
    public void MaxThreads_DefaultsToTheProcessorCount()
    {
        Assert.Equal(Environment.ProcessorCount, BatchParallelism.MaxThreads);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(64)]
    public void MaxThreads_TakesAnyPositiveValue(int threads) => WithMaxThreads(threads, () =>
        Assert.Equal(threads, BatchParallelism.MaxThreads));

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void MaxThreads_RejectsValuesBelowOne(int threads)
    {
        int saved = BatchParallelism.MaxThreads;
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => BatchParallelism.MaxThreads = threads);
        Assert.Equal("value", ex.ParamName);
        Assert.Contains("at least 1", ex.Message);
        Assert.Equal(saved, BatchParallelism.MaxThreads);
    }
}
