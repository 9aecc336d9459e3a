namespace NetGen.Generator.Emit;

/// <summary>Where a loop reads a vector operand: the input span <c>x</c> or a region of the scratch span <c>s</c>.</summary>
internal sealed record VectorSource(bool IsInput, int RegionStart)
{
    /// <summary>Element <paramref name="index"/> (a loop variable's name or a number) as C#.</summary>
    public string At(string index) => IsInput ? $"x[{index}]" : RegionStart == 0 ? $"s[{index}]" : $"s[{RegionStart} + {index}]";

    public string At(int index) => IsInput ? $"x[{index}]" : $"s[{RegionStart + index}]";

    /// <summary>The whole operand as a span expression of <paramref name="length"/> elements.</summary>
    public string Slice(int length) => IsInput ? "x" : $"s.Slice({RegionStart}, {length})";
}
