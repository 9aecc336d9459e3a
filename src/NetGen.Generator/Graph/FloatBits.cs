using System.Runtime.InteropServices;

namespace NetGen.Generator.Graph;

/// <summary>Reinterprets a float's bits without allocating (netstandard2.0 lacks <c>BitConverter.SingleToInt32Bits</c>).</summary>
[StructLayout(LayoutKind.Explicit)]
internal struct FloatBits
{
    [FieldOffset(0)] private float _single;
    [FieldOffset(0)] private int _int32;

    public static int Of(float value) => new FloatBits { _single = value }._int32;
}
