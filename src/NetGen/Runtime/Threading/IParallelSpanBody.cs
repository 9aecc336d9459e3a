using System;
using System.ComponentModel;

namespace NetGen.Runtime.Threading;

/// <summary>
/// One unit of work split into parts that read two spans and write a third, run by
/// <see cref="ParallelRunner.Run{TBody}(TBody, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, int)"/>.
/// Spans cannot be stored in fields, so the runner passes them to every part (the same memory on every thread). For
/// generated code; not part of NetGen's public contract.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IParallelSpanBody
{
    /// <summary>
    /// Runs part <paramref name="part"/>. Parts must not depend on each other; each writes only its own outputs (its
    /// own range of <paramref name="c"/>, or memory of its own). Parts may run on any thread, in any order, and at the
    /// same time as each other; they must not change the body's own fields (a struct body is copied for each part).
    /// </summary>
    /// <param name="part">The part, <c>0 ≤ part &lt; parts</c>.</param>
    /// <param name="a">The first span given to the runner.</param>
    /// <param name="b">The second span given to the runner.</param>
    /// <param name="c">The writable span given to the runner.</param>
    void Run(int part, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c);
}
