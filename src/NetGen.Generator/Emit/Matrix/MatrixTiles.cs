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

    /// <summary>
    /// The tile for a panel of the packed copy <paramref name="vectors"/> vectors wide (<see cref="NeuronLayer.PanelWidth"/>
    /// neurons: 8 vectors at 128 bits, 4 at 256, 2 at 512): 4 rows × 3 vectors where 3 divides the panel, else 4 rows ×
    /// 2 vectors, and at 512 bits (32 registers) 8 rows × 2 vectors; 8 rows × 1 vector for a one-vector panel.
    /// </summary>
    public static MatrixTiles ForPanel(int vectors, VectorWidth width)
    {
        if (vectors <= 1) return new MatrixTiles(8, 1);
        if (width.Bits == 512) return new MatrixTiles(8, 2);
        return vectors % 3 == 0 ? new MatrixTiles(4, 3) : new MatrixTiles(4, 2);
    }

    /// <summary>The same tile with <paramref name="vectors"/> vectors across (the last, narrower tile of a row).</summary>
    public MatrixTiles Narrowed(int vectors) => new(vectors == 1 ? 8 : Rows, vectors);

    /// <summary>The same tile with <paramref name="rows"/> rows (the last rows of a weight gradient).</summary>
    public MatrixTiles WithRows(int rows) => new(rows, Vectors);
}
