namespace NetGen.Generator.Emit.Matrix;

/// <summary>
/// Register tiles of the matrix kernels: <see cref="Rows"/> broadcast values × <see cref="Vectors"/> loaded vectors, so
/// Rows·Vectors accumulators stay in registers for the whole reduction and each step costs Rows + Vectors loads for
/// Rows·Vectors multiply-adds. Sized for 16 vector registers (x86 before AVX-512): at most 12 accumulators plus the
/// broadcasts; 512-bit code has 32 registers and takes 16.
/// </summary>
internal readonly struct MatrixTiles
{
    private MatrixTiles(int rows, int vectors)
    {
        Rows = rows;
        Vectors = vectors;
    }

    /// <summary>Broadcast rows of a tile (samples in the forward and input-gradient products, outputs in the weight gradient).</summary>
    public int Rows { get; }

    /// <summary>Vectors across a row.</summary>
    public int Vectors { get; }

    /// <summary>
    /// The tile for <paramref name="vectors"/> vectors across (the tile is narrower only when the row is): 4 rows × 3 vectors
    /// (4 × 4 at 512 bits); rows of a single vector take 8 rows, so that 8 independent multiply-add chains hide the latency.
    /// </summary>
    public static MatrixTiles For(int vectors, VectorWidth width)
    {
        int across = System.Math.Min(vectors, width.Bits == 512 ? 4 : 3);
        return new MatrixTiles(across == 1 ? 8 : 4, across);
    }

    /// <summary>The same tile with <paramref name="vectors"/> vectors across (the last, narrower tile of a row).</summary>
    public MatrixTiles Narrowed(int vectors) => new(vectors == 1 ? 8 : Rows, vectors);

    /// <summary>The same tile with <paramref name="rows"/> rows (the last rows of a weight gradient).</summary>
    public MatrixTiles WithRows(int rows) => new(rows, Vectors);
}
