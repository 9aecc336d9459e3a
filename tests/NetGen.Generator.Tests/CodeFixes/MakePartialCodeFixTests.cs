using System.Threading.Tasks;
using NetGen.CodeFixes;
using Xunit;
using static NetGen.Generator.Tests.CodeFixes.CodeFixTestSetup;

namespace NetGen.Generator.Tests.CodeFixes;

/// <summary>NG0001 and NG0017: <see cref="MakePartialCodeFixProvider"/> adds <c>partial</c> where it is missing.</summary>
public sealed class MakePartialCodeFixTests
{
    [Fact]
    public Task PublicSealedClass_BecomesPublicSealedPartial() => VerifyFix<MakePartialCodeFixProvider>(@"using NetGen;
namespace Samples
{
    [Network(Loss.MeanSquaredError)]
    [Input(2)]
    [Dense(1)]
    public sealed class {|NG0001:N|} { }
}
", @"using NetGen;
namespace Samples
{
    [Network(Loss.MeanSquaredError)]
    [Input(2)]
    [Dense(1)]
    public sealed partial class N { }
}
");

    [Fact]
    public Task ClassWithoutModifiers_GetsPartialBeforeTheKeyword() => VerifyFix<MakePartialCodeFixProvider>(@"using NetGen;
[Network(Loss.MeanSquaredError)]
[Input(2)]
[Dense(1)]
class {|NG0001:N|} { }
", @"using NetGen;
[Network(Loss.MeanSquaredError)]
[Input(2)]
[Dense(1)]
partial class N { }
");

    [Fact]
    public Task DocCommentAndCommentsAroundTheClass_ArePreserved() => VerifyFix<MakePartialCodeFixProvider>(@"using NetGen;
namespace Samples
{
    /// <summary>The lecture's PASS/FAIL perceptron.</summary>
    [Network(Loss.MeanSquaredError, LearningRate = 0.1f)]
    [Input(3)]
    [Dense(1, Activation.Sigmoid)] // hidden
    [Dense(1, Activation.Sigmoid)]
    // The seed example.
    class {|NG0001:PassFail|} // trailing
    {
    }
}
", @"using NetGen;
namespace Samples
{
    /// <summary>The lecture's PASS/FAIL perceptron.</summary>
    [Network(Loss.MeanSquaredError, LearningRate = 0.1f)]
    [Input(3)]
    [Dense(1, Activation.Sigmoid)] // hidden
    [Dense(1, Activation.Sigmoid)]
    // The seed example.
    partial class PassFail // trailing
    {
    }
}
");

    [Fact]
    public Task DocCommentAboveAClassWithModifiers_IsPreserved() => VerifyFix<MakePartialCodeFixProvider>(@"using NetGen;

/// <summary>A network.</summary>
/// <remarks>Two lines of doc.</remarks>
[Network(Loss.MeanSquaredError)]
[Input(2)]
[Dense(1)]
internal sealed class {|NG0001:N|}
{
    public int Extra => 1;
}
", @"using NetGen;

/// <summary>A network.</summary>
/// <remarks>Two lines of doc.</remarks>
[Network(Loss.MeanSquaredError)]
[Input(2)]
[Dense(1)]
internal sealed partial class N
{
    public int Extra => 1;
}
");

    [Fact]
    public Task NonPartialContainingClass_BecomesPartial() => VerifyFix<MakePartialCodeFixProvider>(@"using NetGen;
namespace Samples
{
    /// <summary>Holds the network.</summary>
    public static class Outer
    {
        [Network(Loss.MeanSquaredError)]
        [Input(2)]
        [Dense(1)]
        public partial class {|NG0017:N|} { }
    }
}
", @"using NetGen;
namespace Samples
{
    /// <summary>Holds the network.</summary>
    public static partial class Outer
    {
        [Network(Loss.MeanSquaredError)]
        [Input(2)]
        [Dense(1)]
        public partial class N { }
    }
}
");

    [Fact]
    public Task OnlyTheNonPartialLevel_OfSeveralContainingClasses_BecomesPartial() => VerifyFix<MakePartialCodeFixProvider>(@"using NetGen;
class Outer
{
    public partial class Middle
    {
        [Network(Loss.MeanSquaredError)]
        [Input(2)]
        [Dense(1)]
        public partial class {|NG0017:N|} { }
    }
}
", @"using NetGen;
partial class Outer
{
    public partial class Middle
    {
        [Network(Loss.MeanSquaredError)]
        [Input(2)]
        [Dense(1)]
        public partial class N { }
    }
}
");

    [Fact]
    public Task NetworkClassAndItsContainer_BothBecomePartial() => VerifyFix<MakePartialCodeFixProvider>(@"using NetGen;
class Outer
{
    [Network(Loss.MeanSquaredError)]
    [Input(2)]
    [Dense(1)]
    class {|NG0001:{|NG0017:N|}|} { }
}
", @"using NetGen;
partial class Outer
{
    [Network(Loss.MeanSquaredError)]
    [Input(2)]
    [Dense(1)]
    partial class N { }
}
");

    // The fixed code keeps NG0003 (no [Input]): its markup is the fixed state's expected diagnostic.
    [Fact]
    public Task OtherErrorsOfTheClass_AreLeftToTheirOwnFixes() => VerifyFix<MakePartialCodeFixProvider>(@"using NetGen;
[{|NG0003:Network(Loss.MeanSquaredError)|}]
[Dense(1)]
public class {|NG0001:N|} { }
", @"using NetGen;
[{|NG0003:Network(Loss.MeanSquaredError)|}]
[Dense(1)]
public partial class N { }
");

    [Fact]
    public Task ContainingClassWithoutModifiers_KeepsItsDocCommentBeforePartial() => VerifyFix<MakePartialCodeFixProvider>(@"using NetGen;
namespace Samples
{
    /// <summary>Holds the network.</summary>
    class Outer
    {
        [Network(Loss.MeanSquaredError)]
        [Input(2)]
        [Dense(1)]
        internal partial class {|NG0017:N|} { }
    }
}
", @"using NetGen;
namespace Samples
{
    /// <summary>Holds the network.</summary>
    partial class Outer
    {
        [Network(Loss.MeanSquaredError)]
        [Input(2)]
        [Dense(1)]
        internal partial class N { }
    }
}
");

    [Fact]
    public Task TwoNonPartialContainingClasses_BecomePartialOneAfterTheOther() => VerifyFix<MakePartialCodeFixProvider>(@"using NetGen;
public class Outer
{
    public class Middle
    {
        [Network(Loss.MeanSquaredError)]
        [Input(2)]
        [Dense(1)]
        public partial class {|NG0017:N|} { }
    }
}
", @"using NetGen;
public partial class Outer
{
    public partial class Middle
    {
        [Network(Loss.MeanSquaredError)]
        [Input(2)]
        [Dense(1)]
        public partial class N { }
    }
}
", iterations: 2);
}
