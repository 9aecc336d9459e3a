using System.Threading.Tasks;
using NetGen.CodeFixes;
using Xunit;
using static NetGen.Generator.Tests.CodeFixes.CodeFixTestSetup;

namespace NetGen.Generator.Tests.CodeFixes;

/// <summary>NG0004: <see cref="RemoveDuplicateInputCodeFixProvider"/> removes the second <c>[Input]</c>, keeps the first.</summary>
public sealed class RemoveDuplicateInputCodeFixTests
{
    [Fact]
    public Task DuplicateInOwnAttributeList_RemovesTheWholeLine() => VerifyFix<RemoveDuplicateInputCodeFixProvider>(@"using NetGen;
namespace Samples
{
    [Network(Loss.MeanSquaredError)]
    [Input(2)]
    [{|NG0004:Input(3)|}]
    [Dense(1)]
    public partial class N { }
}
", @"using NetGen;
namespace Samples
{
    [Network(Loss.MeanSquaredError)]
    [Input(2)]
    [Dense(1)]
    public partial class N { }
}
");

    [Fact]
    public Task DuplicateInASharedAttributeList_RemovesOnlyThatAttribute() => VerifyFix<RemoveDuplicateInputCodeFixProvider>(@"using NetGen;
namespace Samples
{
    [Network(Loss.MeanSquaredError)]
    [Input(2)]
    [{|NG0004:Input(3)|}, Dense(2)]
    [Dense(1)]
    public partial class N { }
}
", @"using NetGen;
namespace Samples
{
    [Network(Loss.MeanSquaredError)]
    [Input(2)]
    [Dense(2)]
    [Dense(1)]
    public partial class N { }
}
");

    [Fact]
    public Task DuplicateAtTheEndOfASharedAttributeList_RemovesOnlyThatAttribute() => VerifyFix<RemoveDuplicateInputCodeFixProvider>(@"using NetGen;
[Network(Loss.MeanSquaredError)]
[Input(2)]
[Dense(2), {|NG0004:Input(3)|}]
[Dense(1)]
public partial class N { }
", @"using NetGen;
[Network(Loss.MeanSquaredError)]
[Input(2)]
[Dense(2)]
[Dense(1)]
public partial class N { }
");

    [Fact]
    public Task DuplicateWithQualifiedName_IsRemoved() => VerifyFix<RemoveDuplicateInputCodeFixProvider>(@"[NetGen.Network(NetGen.Loss.MeanSquaredError)]
[NetGen.InputAttribute(2)]
[{|NG0004:NetGen.InputAttribute(3)|}]
[NetGen.Dense(1)]
public partial class N { }
", @"[NetGen.Network(NetGen.Loss.MeanSquaredError)]
[NetGen.InputAttribute(2)]
[NetGen.Dense(1)]
public partial class N { }
");
}
