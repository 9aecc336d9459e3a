using System;
using System.Linq;
using NetGen.Generator.Model;
using Xunit;

namespace NetGen.Generator.Tests.Enums;

/// <summary>
/// The generator cannot reference the runtime, so it mirrors the runtime's enums; the generator reads attribute
/// arguments as integers, so the mirrors must have exactly the same names and values.
/// </summary>
public sealed class EnumMirrorTests
{
    [Fact]
    public void ActivationKind_MirrorsActivation() => AssertMirror(typeof(NetGen.Activation), typeof(ActivationKind));

    [Fact]
    public void LossKind_MirrorsLoss() => AssertMirror(typeof(NetGen.Loss), typeof(LossKind));

    [Fact]
    public void OptimizerKind_MirrorsOptimizer() => AssertMirror(typeof(NetGen.Optimizer), typeof(OptimizerKind));

    private static void AssertMirror(Type runtime, Type mirror)
    {
        Assert.Equal(Enum.GetUnderlyingType(runtime), Enum.GetUnderlyingType(mirror));
        Assert.Equal(Members(runtime), Members(mirror));
    }

    private static (string Name, long Value)[] Members(Type enumType)
        => Enum.GetNames(enumType)
            .Select(name => (name, Convert.ToInt64(Enum.Parse(enumType, name), System.Globalization.CultureInfo.InvariantCulture)))
            .OrderBy(m => m.Item2).ThenBy(m => m.name, StringComparer.Ordinal)
            .ToArray();
}
