using System;
using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Graph;

namespace NetGen.Generator.Emit;

/// <summary>
/// Turns the part of the graph one kernel needs into ordered statements: dead code is dropped (only what
/// the roots reach is scheduled), nodes used more than once or worth naming get a local, the rest is inlined
/// into its single consumer. Long kernels are cut into parts so that no emitted method exceeds the JIT's
/// optimisation limits (IL size, locals, basic blocks); values that cross parts live in a stack scratch span.
/// </summary>
internal sealed class KernelSchedule
{
    /// <summary>Estimated IL bytes per part; the JIT stops optimising at 60,000 (kept well below).</summary>
    public const int MaxPartCost = 12_000;

    /// <summary>Locals per part; the JIT stops optimising at 2,000 locals and 8,000 local references.</summary>
    public const int MaxPartLocals = 400;

    /// <summary>Conditional expressions per part (each adds basic blocks; the JIT's limit is 2,000 blocks).</summary>
    public const int MaxPartBranches = 300;

    private readonly ExpressionGraph _graph;
    private readonly bool[] _materialized;
    private readonly Dictionary<int, VectorSource> _macroRegions = new();
    private readonly Dictionary<int, int> _spillSlots = new();
    private readonly Dictionary<int, string> _identifiers = new();

    private readonly double _costScale;

    private KernelSchedule(ExpressionGraph graph, KernelKind kind, double costScale)
    {
        _graph = graph;
        Kind = kind;
        _costScale = costScale;
        _materialized = new bool[graph.Count];
    }

    public KernelKind Kind { get; }

    public ExpressionGraph Graph => _graph;

    public List<Statement> Statements { get; } = new();

    public int PartCount { get; private set; } = 1;

    /// <summary>The method name, or null for the kind's own (<see cref="Printing.KernelForm.Name"/>).</summary>
    public string? Name { get; private set; }

    /// <summary>Dropout mask values the kernel reads from <c>m</c> (0: the kernel takes no mask).</summary>
    public int MaskSize { get; private set; }

    /// <summary>Length of the scratch span (macro regions, gathered vectors, spilled values).</summary>
    public int ScratchSize { get; private set; }

    /// <param name="network">The lowered, differentiated network.</param>
    /// <param name="kind">Which kernel.</param>
    /// <param name="costScale">IL bytes per estimated unit: 1 for scalar code, more for vector code (bigger loads and calls).</param>
    /// <param name="name">The method's name, when it is not the kind's own (a sequence network's second gradient kernel, its training forward kernel).</param>
    public static KernelSchedule Build(LoweredNetwork network, KernelKind kind, double costScale = 1.0, string? name = null)
    {
        var graph = network.Graph;
        var schedule = new KernelSchedule(graph, kind, costScale) { Name = name };
        // The inference graph has no mask; a forward kernel of a training graph (sequence networks' steps) reads one.
        schedule.MaskSize = network.MaskSize;
        var roots = new List<Statement>();
        switch (kind)
        {
            case KernelKind.Forward:
                for (int j = 0; j < network.Outputs.Length; j++) roots.Add(new Statement(StatementKind.StoreOutput, network.Outputs[j], node: network.Outputs[j], index: j));
                break;
            case KernelKind.Gradient:
                foreach (var entry in network.Gradient.Parameters)
                {
                    if (graph[entry.Value].IsConstant(0f)) continue;
                    roots.Add(new Statement(StatementKind.AccumulateGradient, entry.Value, node: entry.Value, index: entry.Key));
                }
                foreach (var block in network.Gradient.Blocks)
                {
                    roots.Add(new Statement(StatementKind.AccumulateBlock, Math.Max(block.Deltas.Max(), block.Inputs.Max()), block: block));
                }
                roots.Add(new Statement(StatementKind.Return, long.MaxValue, node: network.Loss));
                break;
            case KernelKind.Backward:
            case KernelKind.BackwardInput:
            case KernelKind.InputGradient:
                // Lowered by NetworkLowering.LowerBackward: the root is t·y (Backward) or the loss (InputGradient).
                if (kind != KernelKind.InputGradient)
                {
                    foreach (var entry in network.Gradient.Parameters)
                    {
                        if (graph[entry.Value].IsConstant(0f)) continue;
                        roots.Add(new Statement(StatementKind.AccumulateGradient, entry.Value, node: entry.Value, index: entry.Key));
                    }
                    foreach (var block in network.Gradient.Blocks)
                    {
                        roots.Add(new Statement(StatementKind.AccumulateBlock, Math.Max(block.Deltas.Max(), block.Inputs.Max()), block: block));
                    }
                }
                if (kind != KernelKind.Backward)
                {
                    for (int i = 0; i < network.InputSize; i++)
                    {
                        int adjoint = network.Gradient.Inputs.TryGetValue(i, out int a) ? a : graph.Constant(0f);
                        roots.Add(new Statement(StatementKind.StoreInputGradient, adjoint, node: adjoint, index: i));
                    }
                }
                if (kind == KernelKind.InputGradient) roots.Add(new Statement(StatementKind.Return, long.MaxValue, node: network.Loss));
                break;
        }
        schedule.Plan(roots);
        return schedule;
    }

    // ---------------------------------------------------------------- planning

    private void Plan(List<Statement> roots)
    {
        var uses = new int[_graph.Count];
        var reachable = new bool[_graph.Count];
        var forced = new bool[_graph.Count];
        var stack = new Stack<int>();
        void Reach(int id, bool asVectorElement = false)
        {
            uses[id]++;
            if (asVectorElement) forced[id] = true;
            stack.Push(id);
            while (stack.Count > 0)
            {
                int n = stack.Pop();
                if (reachable[n]) continue;
                reachable[n] = true;
                var node = _graph[n];
                foreach (int a in node.Args)
                {
                    uses[a]++;
                    if (node.IsMacro) forced[a] = true;
                    // Operands printed twice by their emitted form must be computed once.
                    if (NetGen.Generator.Graph.Ops.OpTable.Of(node.Kind).RepeatsOperand) forced[a] = true;
                    stack.Push(a);
                }
            }
        }

        foreach (var root in roots)
        {
            if (root.Node >= 0) Reach(root.Node);
            if (root.Block is not null)
            {
                foreach (int d in root.Block.Deltas) Reach(d, asVectorElement: true);
                foreach (int a in root.Block.Inputs) Reach(a, asVectorElement: true);
            }
        }

        // Choose what gets a statement of its own.
        var statements = new List<Statement>();
        for (int id = 0; id < _graph.Count; id++)
        {
            if (!reachable[id]) continue;
            var node = _graph[id];
            if (node.IsLeaf || node.Kind == OpKind.Element) continue;
            if (node.IsMacro)
            {
                _materialized[id] = true;
                statements.Add(new Statement(StatementKind.Macro, id, node: id));
                continue;
            }
            bool named = _graph.LabelOf(id) is not null;
            if (named || uses[id] > 1 || forced[id] || node.Kind == OpKind.LogSumExp)
            {
                _materialized[id] = true;
                statements.Add(new Statement(StatementKind.Let, id, node: id));
            }
        }

        // Scratch regions: macro outputs first, then gathered vectors.
        int scratch = 0;
        foreach (var s in statements.Where(s => s.Kind == StatementKind.Macro))
        {
            _macroRegions[s.Node] = new VectorSource(false, scratch);
            scratch += _graph[s.Node].Width;
        }
        var gathered = new Dictionary<string, VectorSource>();
        foreach (var s in statements.Where(s => s.Kind == StatementKind.Macro).ToList())
        {
            Gather(_graph[s.Node].Args, statements, gathered, ref scratch);
        }
        foreach (var root in roots.Where(r => r.Block is not null))
        {
            Gather(root.Block!.Deltas, statements, gathered, ref scratch);
            Gather(root.Block!.Inputs, statements, gathered, ref scratch);
        }
        _vectorSources = gathered;

        // A store goes right after the last value it reads, so the stores of one δ stay together, in parameter order.
        foreach (var root in roots)
        {
            if (root.Kind is StatementKind.AccumulateGradient or StatementKind.StoreOutput or StatementKind.StoreInputGradient)
            {
                root.Position = MaterializedReads(root).DefaultIfEmpty(-1).Max();
            }
        }
        statements.AddRange(roots);
        var ordered = statements
            .Select((s, i) => (s, i))
            .OrderBy(p => p.s.Position).ThenBy(p => p.s.Category).ThenBy(p => p.i)
            .Select(p => p.s)
            .ToList();
        for (int i = 0; i < ordered.Count; i++) ordered[i].Sequence = i;
        Statements.AddRange(ordered);

        Split();
        AssignStorage(ref scratch);
        ScratchSize = scratch;
    }

    private Dictionary<string, VectorSource> _vectorSources = new();

    /// <summary>Finds (or creates, with a gathering statement) the vector source for a loop operand.</summary>
    private void Gather(int[] nodes, List<Statement> statements, Dictionary<string, VectorSource> gathered, ref int scratch)
    {
        string key = string.Join(",", nodes);
        if (gathered.ContainsKey(key)) return;
        if (DirectSource(nodes) is { } direct)
        {
            gathered[key] = direct;
            return;
        }
        var source = new VectorSource(false, scratch);
        scratch += nodes.Length;
        gathered[key] = source;
        statements.Add(new Statement(StatementKind.CopyVector, nodes.Max(), nodes: nodes) { Region = source.RegionStart });
    }

    /// <summary>The input span itself, or a macro's whole output region, when the operand is exactly that.</summary>
    private VectorSource? DirectSource(int[] nodes)
    {
        bool allInputs = true;
        for (int i = 0; i < nodes.Length && allInputs; i++)
        {
            allInputs = _graph[nodes[i]].Kind == OpKind.Input && _graph[nodes[i]].Index == i;
        }
        if (allInputs) return new VectorSource(true, 0);

        var first = _graph[nodes[0]];
        if (first.Kind != OpKind.Element || _graph[first.Args[0]].Width != nodes.Length) return null;
        int macro = first.Args[0];
        for (int i = 0; i < nodes.Length; i++)
        {
            var n = _graph[nodes[i]];
            if (n.Kind != OpKind.Element || n.Args[0] != macro || n.Index != i) return null;
        }
        return _macroRegions.TryGetValue(macro, out var region) ? region : null;
    }

    public VectorSource VectorOf(int[] nodes) => _vectorSources[string.Join(",", nodes)];

    public VectorSource RegionOf(int macro) => _macroRegions[macro];

    public bool IsMaterialized(int id) => _materialized[id];

    // ---------------------------------------------------------------- parts

    private void Split()
    {
        int part = 0, cost = 0, locals = 0, branches = 0;
        foreach (var s in Statements)
        {
            var (c, l, b) = Cost(s);
            c = (int)(c * _costScale);
            if (cost > 0 && (cost + c > MaxPartCost || locals + l > MaxPartLocals || branches + b > MaxPartBranches))
            {
                part++;
                cost = locals = branches = 0;
            }
            cost += c;
            locals += l;
            branches += b;
            s.Chunk = part;
        }
        PartCount = part + 1;
    }

    private (int Cost, int Locals, int Branches) Cost(Statement s)
    {
        switch (s.Kind)
        {
            case StatementKind.Macro:
            case StatementKind.AccumulateBlock:
                return (200, 4, 4);
            case StatementKind.CopyVector:
                int c = 0, br = 0;
                foreach (int n in s.Nodes!)
                {
                    var (ec, eb) = ExpressionCost(n, root: true);
                    c += ec + 12;
                    br += eb;
                }
                return (c, 0, br);
            default:
                var (cost, branches) = ExpressionCost(s.Node, root: true);
                if (s.Kind == StatementKind.Let && _graph[s.Node].Kind == OpKind.LogSumExp) cost += 20 * _graph[s.Node].Args.Length;
                return (cost + 12, s.Kind == StatementKind.Let ? 2 : 0, branches);
        }
    }

    /// <summary>Rough IL bytes and conditional expressions of a node as printed inline.</summary>
    private (int Cost, int Branches) ExpressionCost(int id, bool root)
    {
        var node = _graph[id];
        if (node.IsLeaf || node.Kind == OpKind.Element) return (12, 0);
        if (!root && _materialized[id]) return (4, 0);
        var op = NetGen.Generator.Graph.Ops.OpTable.Of(node.Kind);
        int cost = op.Cost;
        int branches = op.Branches ? 1 : 0;
        foreach (int a in node.Args)
        {
            var (c, b) = ExpressionCost(a, root: false);
            cost += c;
            branches += b;
        }
        return (cost, branches);
    }

    // ---------------------------------------------------------------- storage

    /// <summary>Locals for values used only in their own part; scratch slots for values that cross parts.</summary>
    private void AssignStorage(ref int scratch)
    {
        var definedIn = new Dictionary<int, int>();
        foreach (var s in Statements)
        {
            if (s.Kind == StatementKind.Let) definedIn[s.Node] = s.Chunk;
        }
        var crossing = new SortedSet<int>();
        foreach (var s in Statements)
        {
            foreach (int used in MaterializedReads(s))
            {
                if (definedIn.TryGetValue(used, out int chunk) && chunk != s.Chunk) crossing.Add(used);
            }
        }
        foreach (int id in crossing) _spillSlots[id] = scratch++;

        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in Statements.Where(s => s.Kind == StatementKind.Let))
        {
            string baseName = _graph.LabelOf(s.Node)?.Identifier ?? "v" + s.Node;
            string name = baseName;
            for (int k = 2; !taken.Add(name); k++) name = baseName + "_" + k;
            _identifiers[s.Node] = name;
        }
    }

    /// <summary>The materialized nodes a statement's printed expressions read.</summary>
    public IEnumerable<int> MaterializedReads(Statement s)
    {
        var found = new List<int>();
        void Walk(int id, bool root)
        {
            var node = _graph[id];
            if (!root && _materialized[id] && !node.IsMacro)
            {
                found.Add(id);
                return;
            }
            if (node.Kind == OpKind.Element)
            {
                found.Add(node.Args[0]); // the loop statement that fills the macro's region
                return;
            }
            if (node.IsLeaf || node.IsMacro) return;
            foreach (int a in node.Args) Walk(a, false);
        }
        switch (s.Kind)
        {
            case StatementKind.Macro:
                break; // reads its operand vectors from scratch
            case StatementKind.CopyVector:
                foreach (int n in s.Nodes!) Walk(n, root: !_materialized[n]);
                break;
            case StatementKind.AccumulateBlock:
                break;
            case StatementKind.Let:
                Walk(s.Node, root: true);
                break;
            default:
                Walk(s.Node, root: !_materialized[s.Node]);
                break;
        }
        return found;
    }

    /// <summary>How the printed code refers to a materialized node: its local or its scratch slot.</summary>
    public string Reference(int id) => _spillSlots.TryGetValue(id, out int slot) ? $"s[{slot}]" : _identifiers[id];

    public bool IsSpilled(int id) => _spillSlots.ContainsKey(id);

    /// <summary>The scratch slot of a spilled node (for emitters that lay scratch out differently, such as the GPU's).</summary>
    public int SpillSlot(int id) => _spillSlots[id];

    public string IdentifierOf(int id) => _identifiers[id];
}
