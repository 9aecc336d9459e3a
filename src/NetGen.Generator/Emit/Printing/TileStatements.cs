using System;
using System.Collections.Generic;
using NetGen.Generator.Graph;

namespace NetGen.Generator.Emit.Printing;

/// <summary>
/// Prints a small element-wise graph on whole vectors (<see cref="TileDialect"/>): its leaves are vectors the caller already
/// holds (named in <c>names</c>), each intermediate value a local, each result handed to the caller to store or return.
/// The matrix kernels' activation adjoints and the sequence networks' SIMD cells and activations print with it.
/// </summary>
internal static class TileStatements
{
    /// <param name="w">The writer.</param>
    /// <param name="width">The vector width.</param>
    /// <param name="g">The graph.</param>
    /// <param name="names">The leaves (and any node the caller holds already) and their local names.</param>
    /// <param name="results">The nodes to hand back, in order.</param>
    /// <param name="line">The statement for result k with value text v (a store, a return).</param>
    public static void Emit(IndentedWriter w, VectorWidth width, ExpressionGraph g, IReadOnlyDictionary<int, string> names, int[] results, Func<int, string, string> line)
        => Emit(w, new TileDialect(width), width.Type, g, names, results, line);

    /// <summary>The same on one value of any dialect (<see cref="ScalarDialect"/>: one float, for the layered networks' loops).</summary>
    /// <param name="w">The writer.</param>
    /// <param name="dialect">How ops, constants and multiply-adds are spelled.</param>
    /// <param name="valueType">The locals' type.</param>
    /// <param name="g">The graph.</param>
    /// <param name="names">The leaves (and any node the caller holds already) and their local names.</param>
    /// <param name="results">The nodes to hand back, in order.</param>
    /// <param name="line">The statement for result k with value text v (a store, a return).</param>
    public static void Emit(IndentedWriter w, Dialect dialect, string valueType, ExpressionGraph g, IReadOnlyDictionary<int, string> names, int[] results, Func<int, string, string> line)
    {
        var network = new LoweredNetwork(g, results, g.Constant(0f), new Gradient(), new LayerLayout[0], 0);
        var schedule = KernelSchedule.Build(network, KernelKind.Forward);
        var printer = new ExpressionPrinter(schedule, dialect, names);
        var width = new { Type = valueType };
        foreach (var statement in schedule.Statements)
        {
            switch (statement.Kind)
            {
                case StatementKind.Let when !names.ContainsKey(statement.Node):
                    w.Line($"{width.Type} {schedule.Reference(statement.Node)} = {printer.Definition(statement.Node)};");
                    break;
                case StatementKind.Let:
                    break;
                case StatementKind.StoreOutput:
                    w.Line(line(statement.Index, printer.Use(statement.Node)));
                    break;
                default:
                    throw new InvalidOperationException($"Statement {statement.Kind} in an element-wise vector expression.");
            }
        }
    }
}
