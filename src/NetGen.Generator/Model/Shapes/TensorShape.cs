using System.Globalization;

namespace NetGen.Generator.Model.Shapes;

/// <summary>
/// The shape of one sample's values between two layers, PyTorch's layout without the batch: a flat row
/// (<see cref="Rank"/> 1, <c>[Channels]</c>, <see cref="Height"/> = <see cref="Width"/> = 1), <c>[channels, length]</c>
/// (<see cref="Rank"/> 2, the length in <see cref="Width"/>, <see cref="Height"/> = 1) or <c>[channels, height, width]</c>
/// (<see cref="Rank"/> 3). Values lie row-major: channel, then row, then column. A flat row's features are its channels, so
/// a BatchNorm over them is the same code as over the channels of an image (one position each).
/// </summary>
internal sealed record TensorShape(int Rank, int Channels, int Height, int Width)
{
    /// <summary>A flat row of <paramref name="size"/> values.</summary>
    public static TensorShape Flat(int size) => new(1, size, 1, 1);

    /// <summary><c>[channels, length]</c>.</summary>
    public static TensorShape Sequence(int channels, int length) => new(2, channels, 1, length);

    /// <summary><c>[channels, height, width]</c>.</summary>
    public static TensorShape Image(int channels, int height, int width) => new(3, channels, height, width);

    /// <summary>Values of one sample.</summary>
    public int Size => Channels * Height * Width;

    /// <summary>Values of one sample in <see cref="long"/> (for the limits, before anything is known to fit an int).</summary>
    public long LongSize => (long)Channels * Height * Width;

    /// <summary>Positions of each channel (1 for a flat row).</summary>
    public int Positions => Height * Width;

    /// <summary>True for <c>[channels, length]</c> and <c>[channels, height, width]</c>.</summary>
    public bool IsShaped => Rank > 1;

    /// <summary>The dimensions as PyTorch writes them: <c>[C]</c>, <c>[C, L]</c> or <c>[C, H, W]</c>.</summary>
    public int[] Dimensions => Rank switch
    {
        1 => new[] { Channels },
        2 => new[] { Channels, Width },
        _ => new[] { Channels, Height, Width },
    };

    /// <summary><c>[4, 16]</c>.</summary>
    public override string ToString() => "[" + string.Join(", ", System.Array.ConvertAll(Dimensions, d => d.ToString(CultureInfo.InvariantCulture))) + "]";

    /// <summary>What a layer needing this rank asks for, in a diagnostic: "a [channels, length] input".</summary>
    public static string RankText(int rank) => rank switch
    {
        1 => "a flat input",
        2 => "a [channels, length] input",
        _ => "a [channels, height, width] input",
    };
}
