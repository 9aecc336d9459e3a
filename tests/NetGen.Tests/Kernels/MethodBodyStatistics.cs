using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Reflection.Emit;

namespace NetGen.Tests.Kernels;

/// <summary>
/// The sizes the JIT's MinOpts thresholds look at (IL bytes, IL instructions, basic blocks, locals, local
/// references), read from a compiled method body by decoding its IL.
/// </summary>
public sealed record MethodBodyStatistics(string Name, int IlBytes, int Instructions, int Branches, int Locals, int LocalReferences)
{
    private static readonly Dictionary<short, OpCode> s_opCodes = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    public static MethodBodyStatistics Of(MethodInfo method)
    {
        var body = method.GetMethodBody() ?? throw new ArgumentException($"{method.Name} has no body", nameof(method));
        byte[] il = body.GetILAsByteArray()!;
        int instructions = 0, branches = 0, localReferences = 0;
        for (int i = 0; i < il.Length;)
        {
            short value = il[i] == 0xFE ? (short)(0xFE00 | il[i + 1]) : il[i];
            var opCode = s_opCodes[value];
            i += opCode.Size;
            instructions++;
            if (opCode.FlowControl is FlowControl.Branch or FlowControl.Cond_Branch) branches++;
            if (IsLocalAccess(opCode)) localReferences++;
            i += opCode.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, i),
                _ => 4,
            };
        }
        return new MethodBodyStatistics(method.Name, il.Length, instructions, branches, body.LocalVariables.Count, localReferences);
    }

    private static bool IsLocalAccess(OpCode o) =>
        o == OpCodes.Ldloc || o == OpCodes.Ldloc_S || o == OpCodes.Ldloca || o == OpCodes.Ldloca_S ||
        o == OpCodes.Stloc || o == OpCodes.Stloc_S ||
        o == OpCodes.Ldloc_0 || o == OpCodes.Ldloc_1 || o == OpCodes.Ldloc_2 || o == OpCodes.Ldloc_3 ||
        o == OpCodes.Stloc_0 || o == OpCodes.Stloc_1 || o == OpCodes.Stloc_2 || o == OpCodes.Stloc_3;
}
