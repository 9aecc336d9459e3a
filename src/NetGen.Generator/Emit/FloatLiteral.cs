using System.Globalization;

namespace NetGen.Generator.Emit;

/// <summary>
/// C# float literals that are byte-identical on every host (.NET Framework in Visual Studio, .NET elsewhere):
/// the shortest "G1".."G9" text of the value as a double that parses back to the same float.
/// </summary>
internal static class FloatLiteral
{
    public static string Format(float value)
    {
        if (float.IsNaN(value)) return "float.NaN";
        if (float.IsPositiveInfinity(value)) return "float.PositiveInfinity";
        if (float.IsNegativeInfinity(value)) return "float.NegativeInfinity";
        string text = ((double)value).ToString("G9", CultureInfo.InvariantCulture);
        for (int digits = 1; digits <= 9; digits++)
        {
            string candidate = ((double)value).ToString("G" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            if ((float)double.Parse(candidate, CultureInfo.InvariantCulture) == value)
            {
                text = candidate;
                break;
            }
        }
        return text + "f";
    }
}
