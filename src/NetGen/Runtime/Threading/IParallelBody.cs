using System.ComponentModel;

namespace NetGen.Runtime.Threading;

/// <summary>
/// One unit of work split into parts, run by <see cref="ParallelRunner.Run(IParallelBody, int)"/>. For generated
/// code; not part of NetGen's public contract.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IParallelBody
{
    /// <summary>
    /// Runs part <paramref name="part"/>. Parts must not depend on each other; each writes only its own outputs.
    /// Parts may run on any thread, in any order, and at the same time as each other.
    /// </summary>
    /// <param name="part">The part, <c>0 ≤ part &lt; parts</c>.</param>
    void Run(int part);
}
