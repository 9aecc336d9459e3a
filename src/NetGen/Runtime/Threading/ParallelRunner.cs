using System;
using System.ComponentModel;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace NetGen.Runtime.Threading;

/// <summary>
/// Runs the parts of one unit of work on up to <see cref="BatchParallelism.MaxThreads"/> threads, the caller
/// included, without allocating per call. The helpers are background threads named "NetGen worker 1", "NetGen worker
/// 2", …, started when a call first needs them (up to <c>MaxThreads − 1</c> of them, <c>Environment.ProcessorCount − 1</c>
/// by default) and kept, blocked on their own signal, for the life of the process. Parts are handed out one at a time
/// (an interlocked counter) to whichever thread asks next, so which thread runs a part is not fixed, but every part runs
/// exactly once and the call returns only when all have finished. Which thread ran a part never changes a result as
/// long as each part writes only its own outputs and the caller reduces them in part order (docs/threads.md). One call
/// at a time owns the workers; a call that finds them owned runs its parts on its own thread. For generated code; not
/// part of NetGen's public contract.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ParallelRunner
{
    /// <summary>
    /// Runs <c>body.Run(0)</c>, …, <c>body.Run(parts − 1)</c>, each exactly once, on up to
    /// <c>min(BatchParallelism.MaxThreads, parts)</c> threads, the caller included, and returns when all have finished.
    /// <paramref name="parts"/> ≤ 0 returns at once. With one thread (or <paramref name="parts"/> = 1) every part runs
    /// on the calling thread, in order. If parts throw, the exception of the lowest-numbered failing part is rethrown on
    /// the caller, with its original stack trace, after all parts have finished or been skipped (once a part has
    /// failed, the parts numbered above it that have not started are skipped). No allocation per call, on the caller or
    /// the workers, after the first call that uses a given number of threads (that one starts the worker threads).
    /// Re-entrant and safe under concurrent callers: a call made while the workers are busy (another thread's call, or
    /// a call from inside a part) runs all its parts on its own thread, in order, instead of waiting.
    /// </summary>
    /// <param name="body">The work; its <see cref="IParallelBody.Run(int)"/> is called once per part.</param>
    /// <param name="parts">How many parts.</param>
    /// <exception cref="ArgumentNullException"><paramref name="body"/> is null.</exception>
    public static void Run(IParallelBody body, int parts)
    {
        if (body is null)
        {
            throw new ArgumentNullException(nameof(body));
        }

        if (parts <= 0)
        {
            return;
        }

        int threads = Math.Min(BatchParallelism.MaxThreads, parts);
        if (threads == 1 || !Pool.TryEnter())
        {
            for (int part = 0; part < parts; part++)
            {
                body.Run(part);
            }

            return;
        }

        BodyJob job = BodyJob.Instance;
        job.Body = body;
        Pool.Execute(job, parts, threads - 1);
    }

    /// <summary>
    /// Runs <c>body.Run(part, a, b, c)</c> for every part from 0 to <paramref name="parts"/> − 1, under the rules of
    /// <see cref="Run(IParallelBody, int)"/>: each exactly once, on up to <c>min(BatchParallelism.MaxThreads, parts)</c>
    /// threads, the caller included; in order on the calling thread with one thread, one part, or while the workers are
    /// busy; the lowest-numbered failing part's exception rethrown; no allocation per call after the first for each
    /// body type. The spans' memory is pinned for the duration of the call and every part, on whatever thread, gets
    /// spans over the same memory (same start, same length). A struct body is not boxed: each part runs on a copy of
    /// it, so parts must not change its fields. Callers need no unsafe code.
    /// </summary>
    /// <typeparam name="TBody">The body: a struct (specialised, never boxed) or a class.</typeparam>
    /// <param name="body">The work; its <see cref="IParallelSpanBody.Run"/> is called once per part.</param>
    /// <param name="a">A span every part reads (may be empty).</param>
    /// <param name="b">A second span every part reads (may be empty).</param>
    /// <param name="c">A span the parts write, each only its own elements (may be empty).</param>
    /// <param name="parts">How many parts.</param>
    /// <exception cref="ArgumentNullException"><paramref name="body"/> is null.</exception>
    public static unsafe void Run<TBody>(TBody body, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int parts)
        where TBody : IParallelSpanBody
    {
        if (body is null)
        {
            throw new ArgumentNullException(nameof(body));
        }

        if (parts <= 0)
        {
            return;
        }

        int threads = Math.Min(BatchParallelism.MaxThreads, parts);
        if (threads == 1 || !Pool.TryEnter())
        {
            for (int part = 0; part < parts; part++)
            {
                TBody copy = body;
                copy.Run(part, a, b, c);
            }

            return;
        }

        fixed (float* pa = a)
        fixed (float* pb = b)
        fixed (float* pc = c)
        {
            SpanJob<TBody> job = SpanJob<TBody>.Instance;
            job.Set(body, pa, a.Length, pb, b.Length, pc, c.Length);
            Pool.Execute(job, parts, threads - 1);
        }
    }

    /// <summary>A call's work as the workers see it: one part at a time. One instance per kind, used by the pool's owner only.</summary>
    private abstract class Job
    {
        /// <summary>Runs one part.</summary>
        public abstract void RunPart(int part);

        /// <summary>Drops the references and pointers of the call, before the pool is released.</summary>
        public abstract void Clear();
    }

    private sealed class BodyJob : Job
    {
        public static readonly BodyJob Instance = new();

        public IParallelBody? Body;

        public override void RunPart(int part) => Body!.Run(part);

        public override void Clear() => Body = null;
    }

    private sealed unsafe class SpanJob<TBody> : Job
        where TBody : IParallelSpanBody
    {
        public static readonly SpanJob<TBody> Instance = new();

        private TBody body = default!;
        private float* a, b, c;
        private int aLength, bLength, cLength;

        public void Set(TBody body, float* a, int aLength, float* b, int bLength, float* c, int cLength)
        {
            this.body = body;
            this.a = a;
            this.aLength = aLength;
            this.b = b;
            this.bLength = bLength;
            this.c = c;
            this.cLength = cLength;
        }

        public override void RunPart(int part)
        {
            TBody copy = body;
            copy.Run(part, new ReadOnlySpan<float>(a, aLength), new ReadOnlySpan<float>(b, bLength), new Span<float>(c, cLength));
        }

        public override void Clear()
        {
            body = default!;
            a = b = c = null;
            aLength = bLength = cLength = 0;
        }
    }

    /// <summary>
    /// The worker threads and the state of the one call that owns them (the "busy" flag). Only the owner writes the
    /// call's fields; workers read them after their signal, which orders the reads after the writes.
    /// </summary>
    private static class Pool
    {
        private static readonly object Gate = new();
        private static int busy;
        private static Worker[] workers = Array.Empty<Worker>();
        private static bool cannotStart;
        private static SemaphoreSlim? done;

        // The current call.
        private static Job? job;
        private static int parts;
        private static int next;
        private static int pending;
        private static int failedPart;
        private static ExceptionDispatchInfo? failure;

        /// <summary>Takes the pool for one call; false while another call (on any thread) has it.</summary>
        public static bool TryEnter() => Interlocked.CompareExchange(ref busy, 1, 0) == 0;

        /// <summary>
        /// Runs the parts of <paramref name="work"/> on the caller and <paramref name="helpers"/> workers, waits for all,
        /// releases the pool (taken by <see cref="TryEnter"/>), and rethrows the lowest-numbered failing part's exception.
        /// Where no worker thread can be started (a platform without threads), every part runs on the caller, in order.
        /// </summary>
        public static void Execute(Job work, int partCount, int helpers)
        {
            ExceptionDispatchInfo? error = null;
            try
            {
                SemaphoreSlim finished = done ??= new SemaphoreSlim(0);
                Worker[] pool = EnsureWorkers(helpers);
                helpers = Math.Min(helpers, pool.Length);
                job = work;
                parts = partCount;
                next = 0;
                failedPart = int.MaxValue;
                failure = null;
                Volatile.Write(ref pending, helpers);
                for (int k = 0; k < helpers; k++)
                {
                    pool[k].Assign();
                }

                Work();

                // Workers that have not woken up yet are not needed any more: every part has been handed out.
                for (int k = 0; k < helpers; k++)
                {
                    if (pool[k].TryCancel())
                    {
                        Finish();
                    }
                }

                if (helpers > 0)
                {
                    finished.Wait();
                }

                error = failure;
            }
            finally
            {
                job = null;
                failure = null;
                work.Clear();
                Volatile.Write(ref busy, 0);
            }

            error?.Throw();
        }

        /// <summary>Takes parts until none are left; called by the caller and by every assigned worker.</summary>
        private static void Work()
        {
            Job work = job!;
            int count = parts;
            while (true)
            {
                int part = Interlocked.Increment(ref next) - 1;
                if (part >= count)
                {
                    return;
                }

                if (part > Volatile.Read(ref failedPart))
                {
                    continue;
                }

                try
                {
                    work.RunPart(part);
                }
                catch (Exception e)
                {
                    lock (Gate)
                    {
                        if (part < failedPart)
                        {
                            failure = ExceptionDispatchInfo.Capture(e);
                            Volatile.Write(ref failedPart, part);
                        }
                    }
                }
            }
        }

        /// <summary>
        /// One helper is done (or was withdrawn before it started); the last one wakes the caller, once per call, so
        /// the caller's wait consumes exactly the release of its own call.
        /// </summary>
        private static void Finish()
        {
            if (Interlocked.Decrement(ref pending) == 0)
            {
                done!.Release();
            }
        }

        /// <summary>
        /// The workers, at least <paramref name="count"/> of them if they can be started; fewer where starting a thread
        /// failed (a platform without threads, such as single-threaded WebAssembly), after which none is tried again.
        /// </summary>
        private static Worker[] EnsureWorkers(int count)
        {
            Worker[] pool = workers;
            if (pool.Length >= count || cannotStart)
            {
                return pool;
            }

            var grown = new Worker[count];
            Array.Copy(pool, grown, pool.Length);
            int started = pool.Length;
            try
            {
                for (; started < count; started++)
                {
                    grown[started] = new Worker(started + 1);
                }
            }
            catch (Exception e) when (e is PlatformNotSupportedException or NotSupportedException or OutOfMemoryException or ThreadStartException)
            {
                cannotStart = true;
                Array.Resize(ref grown, started);
            }

            workers = grown;
            return grown;
        }

        /// <summary>A background thread waiting on its own signal for calls to help with.</summary>
        private sealed class Worker
        {
            private const int Idle = 0, Assigned = 1, Running = 2;

            // A semaphore rather than a ManualResetEventSlim: the latter creates its lock object on the first wait that
            // blocks, an allocation at some later call. A wake-up left over from a withdrawn request (TryCancel) is
            // harmless: the worker finds no request and waits again.
            private readonly SemaphoreSlim signal = new(0);
            private int state;

            public Worker(int number)
            {
                var thread = new Thread(Loop) { IsBackground = true, Name = "NetGen worker " + number };

                // The worker outlives the call that starts it: it must not keep that call's execution context.
                using (ExecutionContext.SuppressFlow())
                {
                    thread.Start();
                }
            }

            /// <summary>Asks the worker to help with the current call.</summary>
            public void Assign()
            {
                Volatile.Write(ref state, Assigned);
                signal.Release();
            }

            /// <summary>Withdraws the request if the worker has not taken it yet; true if withdrawn.</summary>
            public bool TryCancel() => Interlocked.CompareExchange(ref state, Idle, Assigned) == Assigned;

            private void Loop()
            {
                while (true)
                {
                    signal.Wait();

                    // A wake-up whose request was withdrawn (TryCancel) finds Idle and goes back to sleep.
                    if (Interlocked.CompareExchange(ref state, Running, Assigned) == Assigned)
                    {
                        Work();
                        Volatile.Write(ref state, Idle);
                        Finish();
                    }
                }
            }
        }
    }
}
