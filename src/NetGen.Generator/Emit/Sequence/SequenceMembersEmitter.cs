using System.Linq;
using System.Globalization;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emit.Sequence;

/// <summary>
/// The contract's members of a sequence network (one with <c>[Gru]</c>, <c>[Lstm]</c>, <c>[Rnn]</c> or <c>[CausalConv1D]</c>):
/// streaming <c>Predict</c> with the network's own state or a caller's <c>State</c>, <c>ResetState</c>, <c>PredictSequence</c>,
/// <c>PredictBatch</c> over <c>[n, SequenceLength, InputSize]</c>, and the training members as backpropagation through time:
/// a forward pass keeping the state before each step, then the steps in reverse, each step's gradient kernel adding its share
/// of ∂L/∂θ and handing ∂L/∂state to the step before.
/// </summary>
internal static class SequenceMembersEmitter
{
    private const string ReadOnlySpan = "global::System.ReadOnlySpan<float>";
    private const string Span = "global::System.Span<float>";
    private const string Args = "global::NetGen.Runtime.NetworkArguments";

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static bool Trains(NetworkSpec spec) => spec.Trainable && spec.SequenceLength > 0;

    /// <summary>Steps a sequence's loss is averaged over: every step, or the last one only.</summary>
    private static int LossSteps(NetworkSpec spec) => spec.SequenceLoss == SequenceLossKind.EveryStep ? spec.SequenceLength : 1;

    /// <summary>The target length of one sequence.</summary>
    private static string TargetLength(NetworkSpec spec) => spec.SequenceLoss == SequenceLossKind.EveryStep ? "SequenceLength * OutputSize" : "OutputSize";

    private static string TargetShape(NetworkSpec spec) => spec.SequenceLoss == SequenceLossKind.EveryStep ? "<c>[SequenceLength, OutputSize]</c>" : "<c>[OutputSize]</c> (the last step's)";

    /// <summary>The constants, the network's own state and the training buffers.</summary>
    public static void WriteFields(IndentedWriter w, NetworkSpec spec, bool lanes)
    {
        w.Line();
        w.Line($"/// <summary>Time steps the whole-sequence members take and the training members unroll (<c>[Network(SequenceLength = {spec.SequenceLength})]</c>; 0: streaming only).</summary>");
        w.Line($"public const int SequenceLength = {I(spec.SequenceLength)};");
        w.Line();
        w.Line($"/// <summary>Values of recurrent state a sequence carries from one step to the next ({StateLayout(spec)}).</summary>");
        w.Line($"public const int StateSize = {I(spec.StateSize)};");
        w.Line();
        w.Comment("The state streaming Predict advances (ResetState zeroes it; Save and Load carry it).");
        w.Line("private readonly float[] _netgenState = new float[StateSize];");
        if (!Trains(spec)) return;
        w.Comment("Backpropagation through time: the state before each step of the sequence being trained on, each step's dropout");
        w.Comment("mask, and ∂L/∂θ summed over the steps followed by the ∂L/∂state carried to the step before.");
        w.Line("private readonly float[] _netgenSequenceStates = new float[SequenceLength * StateSize];");
        if (DropoutEmitter.Has(spec)) w.Line($"private readonly float[] _netgenSequenceMasks = new float[SequenceLength * {I(DropoutEmitter.MaskSize(spec))}];");
        w.Line("private readonly float[] _netgenSequenceGradient = new float[ParameterCount + StateSize];");
        if (!lanes) return;
        w.Comment("The lane loops' buffers (SequenceLaneBatch: one per slot, and the slots' losses), allocated on their first use.");
        w.Line("private float[]?[]? _netgenSequenceLanes;");
    }

    /// <summary>Which layer's state is where, for the docs.</summary>
    private static string StateLayout(NetworkSpec spec)
    {
        var parts = new System.Collections.Generic.List<string>();
        int offset = 0;
        foreach (var layer in spec.Layers)
        {
            if (layer.StateSize == 0) continue;
            parts.Add($"[{offset}..{offset + layer.StateSize}): {layer.StateText}");
            offset += layer.StateSize;
        }
        return parts.Count == 0 ? "none: every sequence layer looks at the current step only" : string.Join("; ", parts);
    }

    /// <summary>The nested <c>State</c>, <c>ResetState</c>, streaming and whole-sequence prediction.</summary>
    public static void WriteInference(IndentedWriter w, NetworkSpec spec, System.Collections.Generic.IReadOnlyList<VectorWidth> stepWidths)
    {
        WriteStateClass(w, spec);
        w.Line();
        w.Line("/// <summary>Zeroes the state that <see cref=\"Predict(global::System.ReadOnlySpan{float}, global::System.Span{float})\"/> carries, so the next call starts a new sequence.</summary>");
        w.Line("public void ResetState() => global::System.Array.Clear(_netgenState, 0, StateSize);");
        w.Line();
        w.Line("/// <summary>");
        w.Line("/// One time step of the network's own sequence: computes the step's outputs from <paramref name=\"input\"/> and the state left by the");
        w.Line("/// previous call (zero after construction or <see cref=\"ResetState\"/>), and advances that state. Allocates nothing. Not thread-safe");
        w.Line("/// (it updates the instance's state): for several sequences at once, give each a <see cref=\"State\"/> and call the overload taking it.");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"input\">The step's <see cref=\"InputSize\"/> features.</param>");
        w.Line("/// <param name=\"output\">Receives the step's <see cref=\"OutputSize\"/> outputs.</param>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">A span does not have the expected length.</exception>");
        using (w.Block($"public void Predict({ReadOnlySpan} input, {Span} output)"))
        {
            w.Line($"{Args}.CheckLength(input.Length, InputSize, nameof(input));");
            w.Line($"{Args}.CheckLength(output.Length, OutputSize, nameof(output));");
            w.Line("NetGenStep(input, _netgenState, output);");
        }
        w.Line();
        w.Line("/// <summary>");
        w.Line("/// One time step of the sequence whose state is <paramref name=\"state\"/>: computes the step's outputs and advances");
        w.Line("/// <paramref name=\"state\"/>. Allocates nothing. Thread-safe for different states (one state per agent or voice); one state must");
        w.Line("/// not be used by two threads at once.");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"state\">The sequence's state, from <c>new State()</c> (zero) and earlier calls.</param>");
        w.Line("/// <param name=\"input\">The step's <see cref=\"InputSize\"/> features.</param>");
        w.Line("/// <param name=\"output\">Receives the step's <see cref=\"OutputSize\"/> outputs.</param>");
        w.Line("/// <exception cref=\"global::System.ArgumentNullException\"><paramref name=\"state\"/> is null.</exception>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">A span does not have the expected length.</exception>");
        using (w.Block($"public void Predict(State state, {ReadOnlySpan} input, {Span} output)"))
        {
            w.Line("if (state is null) throw new global::System.ArgumentNullException(nameof(state));");
            w.Line($"{Args}.CheckLength(input.Length, InputSize, nameof(input));");
            w.Line($"{Args}.CheckLength(output.Length, OutputSize, nameof(output));");
            w.Line("NetGenStep(input, state.NetGenValues, output);");
        }
        w.Line();
        w.Line("/// <summary>");
        w.Line("/// Runs a whole sequence from a zero state (the network's own state is not used or changed): step t reads");
        w.Line("/// <c>inputs[t·InputSize..]</c> and writes <c>outputs[t·OutputSize..]</c>. Any number of steps. Allocates nothing; thread-safe.");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"inputs\">Row-major <c>[steps, InputSize]</c> features.</param>");
        w.Line("/// <param name=\"outputs\">Receives row-major <c>[steps, OutputSize]</c> outputs.</param>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">The lengths are not <c>steps·InputSize</c> and <c>steps·OutputSize</c> for one number of steps.</exception>");
        using (w.Block($"public void PredictSequence({ReadOnlySpan} inputs, {Span} outputs)"))
        {
            w.Line($"int steps = {Args}.CheckBatch(inputs.Length, InputSize, nameof(inputs), outputs.Length, OutputSize, nameof(outputs), allowEmpty: true);");
            w.Line($"{Span} state = stackalloc float[StateSize];");
            w.Line("state.Clear();");
            w.Line("for (int t = 0; t < steps; t++) NetGenStep(inputs.Slice(t * InputSize, InputSize), state, outputs.Slice(t * OutputSize, OutputSize));");
        }
        if (spec.SequenceLength > 0)
        {
            w.Line();
            w.Line("/// <summary>");
            w.Line("/// Runs a batch of sequences of <see cref=\"SequenceLength\"/> steps, each from a zero state (the network's own state is not used");
            w.Line("/// or changed). Allocates nothing; thread-safe.");
            w.Line("/// </summary>");
            w.Line("/// <param name=\"inputs\">Row-major <c>[n, SequenceLength, InputSize]</c> features.</param>");
            w.Line("/// <param name=\"outputs\">Receives row-major <c>[n, SequenceLength, OutputSize]</c> outputs.</param>");
            w.Line("/// <exception cref=\"global::System.ArgumentException\">The lengths are not <c>n·SequenceLength·InputSize</c> and <c>n·SequenceLength·OutputSize</c> for one n.</exception>");
            using (w.Block($"public void PredictBatch({ReadOnlySpan} inputs, {Span} outputs)"))
            {
                w.Line($"int n = {Args}.CheckBatch(inputs.Length, SequenceLength * InputSize, nameof(inputs), outputs.Length, SequenceLength * OutputSize, nameof(outputs), allowEmpty: true);");
                long macs = spec.Layers.Sum(l => l.MultiplyAdds);
                w.Comment($"Sequences are independent: from {I(1_000_000)} multiply-adds ({macs.ToString(CultureInfo.InvariantCulture)} a step) they are split over the batch threads; the same bits either way.");
                w.Line("int threads = global::System.Math.Min(n, global::NetGen.Runtime.Threading.BatchParallelism.MaxThreads);");
                using (w.Block($"if (threads > 1 && (long)n * SequenceLength * {macs.ToString(CultureInfo.InvariantCulture)}L >= 1000000L)"))
                {
                    w.Line("global::NetGen.Runtime.Threading.ParallelRunner.Run(new NetGenPredictParts(this, n, threads), inputs, default, outputs, threads);");
                    w.Line("return;");
                }
                w.Line("NetGenPredictSequences(inputs, outputs, 0, n);");
            }
            w.Line();
            w.Comment("Sequences first..end of a batch, each from a zero state.");
            using (w.Block($"private void NetGenPredictSequences({ReadOnlySpan} inputs, {Span} outputs, int first, int end)"))
            {
                w.Line($"{Span} state = stackalloc float[StateSize];");
                using (w.Block("for (int i = first; i < end; i++)"))
                {
                    w.Line("state.Clear();");
                    w.Line($"{ReadOnlySpan} sequence = inputs.Slice(i * SequenceLength * InputSize, SequenceLength * InputSize);");
                    w.Line($"{Span} results = outputs.Slice(i * SequenceLength * OutputSize, SequenceLength * OutputSize);");
                    w.Line("for (int t = 0; t < SequenceLength; t++) NetGenStep(sequence.Slice(t * InputSize, InputSize), state, results.Slice(t * OutputSize, OutputSize));");
                }
            }
            w.Line();
            w.Line("/// <summary>PredictBatch's parts for <c>NetGen.Runtime.Threading.ParallelRunner</c>: part k runs its own range of sequences.</summary>");
            using (w.Block("private readonly struct NetGenPredictParts : global::NetGen.Runtime.Threading.IParallelSpanBody"))
            {
                w.Line($"private readonly {spec.ClassName} _network;");
                w.Line("private readonly int _n, _parts;");
                w.Line();
                w.Line($"public NetGenPredictParts({spec.ClassName} network, int n, int parts)");
                w.Line("{");
                w.Line("    _network = network;");
                w.Line("    _n = n;");
                w.Line("    _parts = parts;");
                w.Line("}");
                w.Line();
                w.Line($"public void Run(int part, {ReadOnlySpan} inputs, {ReadOnlySpan} unused, {Span} outputs)");
                w.Line("    => _network.NetGenPredictSequences(inputs, outputs, part * _n / _parts, (part + 1) * _n / _parts);");
            }
        }
        w.Line();
        w.Comment(stepWidths.Count > 0
            ? "One time step: the step's outputs, and the next state written over the state; across neurons on the preferred SIMD width, else the scalar kernel."
            : "One time step: the step's outputs, and the next state written over the state.");
        using (w.Block($"private void NetGenStep({ReadOnlySpan} input, {Span} state, {Span} output)"))
        {
            if (stepWidths.Count > 0)
            {
                w.Line("int width = global::NetGen.Runtime.SimdOptions.PreferredWidth;");
                foreach (var width in stepWidths)
                {
                    using (w.Block($"if (width >= {width.Bits})"))
                    {
                        w.Line($"{SequenceVectorStepEmitter.MethodName(width)}(_netgenStepPacked, input, state, output);");
                        w.Line("return;");
                    }
                }
            }
            w.Line($"{Span} x = stackalloc float[InputSize + StateSize];");
            w.Line($"{Span} y = stackalloc float[OutputSize + StateSize];");
            w.Line("input.CopyTo(x);");
            w.Line("state.CopyTo(x.Slice(InputSize));");
            w.Line("NetGenForwardKernel(_netgenParameters, x, y);");
            w.Line("y.Slice(0, OutputSize).CopyTo(output);");
            w.Line("y.Slice(OutputSize).CopyTo(state);");
        }
    }

    private static void WriteStateClass(IndentedWriter w, NetworkSpec spec)
    {
        w.Line();
        w.Line("/// <summary>");
        w.Line($"/// The recurrent state of one sequence ({StateSize(spec)} values: {StateLayout(spec)}), for streaming many sequences (agents, voices)");
        w.Line("/// through one network with <see cref=\"Predict(State, global::System.ReadOnlySpan{float}, global::System.Span{float})\"/>. Starts at zero.");
        w.Line("/// </summary>");
        using (w.Block("public sealed class State"))
        {
            w.Comment("The values; the network's members read and write them in place.");
            w.Line("internal readonly float[] NetGenValues = new float[StateSize];");
            w.Line();
            w.Line("/// <summary>Creates a zero state (the start of a sequence).</summary>");
            w.Line("public State() { }");
            w.Line();
            w.Line("/// <summary>The number of values (<c>StateSize</c>).</summary>");
            w.Line("public int Length => StateSize;");
            w.Line();
            w.Line("/// <summary>Zeroes the state, so the next step starts a new sequence.</summary>");
            w.Line("public void Reset() => global::System.Array.Clear(NetGenValues, 0, StateSize);");
            w.Line();
            w.Line("/// <summary>Copies the state's values into <paramref name=\"destination\"/> (to save it, or to inspect h and c).</summary>");
            w.Line("/// <param name=\"destination\">Receives the <see cref=\"Length\"/> values.</param>");
            w.Line("/// <exception cref=\"global::System.ArgumentException\"><paramref name=\"destination\"/> does not have length <see cref=\"Length\"/>.</exception>");
            using (w.Block($"public void CopyTo({Span} destination)"))
            {
                w.Line($"{Args}.CheckLength(destination.Length, StateSize, nameof(destination));");
                w.Line("global::System.MemoryExtensions.AsSpan(NetGenValues).CopyTo(destination);");
            }
            w.Line();
            w.Line("/// <summary>Replaces the state's values with <paramref name=\"source\"/> (a state copied earlier with <see cref=\"CopyTo\"/>).</summary>");
            w.Line("/// <param name=\"source\">The <see cref=\"Length\"/> values.</param>");
            w.Line("/// <exception cref=\"global::System.ArgumentException\"><paramref name=\"source\"/> does not have length <see cref=\"Length\"/>.</exception>");
            using (w.Block($"public void CopyFrom({ReadOnlySpan} source)"))
            {
                w.Line($"{Args}.CheckLength(source.Length, StateSize, nameof(source));");
                w.Line("source.CopyTo(NetGenValues);");
            }
        }
    }

    private static string StateSize(NetworkSpec spec) => I(spec.StateSize);

    /// <summary>The struct that gives <c>SequenceLaneBatch</c> this network's sizes and lane kernels.</summary>
    public static void WriteLaneKernelsStruct(IndentedWriter w, NetworkSpec spec)
    {
        string c = spec.ClassName, V = "global::System.Numerics.Vector<float>";
        string ro = "global::System.ReadOnlySpan", sp = "global::System.Span";
        bool dropout = DropoutEmitter.Has(spec), last = spec.SequenceLoss == SequenceLossKind.LastStep;
        string m = dropout ? "m, " : "";
        w.Line();
        w.Line("/// <summary>This network's step kernels in lane form and its sizes, for NetGen's loops over time (<c>NetGen.Runtime.Lanes.SequenceLaneBatch</c>).</summary>");
        using (w.Block("private readonly struct NetGenSequenceLaneKernels : global::NetGen.Runtime.Lanes.ISequenceLaneKernels"))
        {
            w.Line($"private readonly {c} _network;");
            w.Line();
            w.Line($"public NetGenSequenceLaneKernels({c} network) => _network = network;");
            w.Line();
            w.Line($"public int InputSize => {c}.InputSize;");
            w.Line($"public int OutputSize => {c}.OutputSize;");
            w.Line($"public int StateSize => {c}.StateSize;");
            w.Line($"public int ParameterCount => {c}.ParameterCount;");
            w.Line($"public int MaskSize => {I(DropoutEmitter.MaskSize(spec))};");
            w.Line($"public int SequenceLength => {c}.SequenceLength;");
            w.Line($"public bool LastStep => {(last ? "true" : "false")};");
            w.Line($"public long MultiplyAddsPerStep => {spec.Layers.Sum(l => l.MultiplyAdds).ToString(System.Globalization.CultureInfo.InvariantCulture)}L;");
            w.Line();
            w.Line($"public void Forward({ro}<float> p, {ro}<{V}> x, {ro}<{V}> m, {sp}<{V}> next) => {SequenceKernels.ForwardLanes}(p, x, {m}next);");
            w.Line();
            w.Line($"public {V} Gradient({ro}<float> p, {ro}<{V}> x, {ro}<{V}> t, {ro}<{V}> m, {sp}<{V}> g) => {SequenceKernels.GradientLanes}(p, x, t, {m}g);");
            w.Line();
            w.Line(last
                ? $"public void CarryGradient({ro}<float> p, {ro}<{V}> x, {ro}<{V}> t, {ro}<{V}> m, {sp}<{V}> g) => {SequenceKernels.CarryGradientLanes}(p, x, t, {m}g);"
                : $"public void CarryGradient({ro}<float> p, {ro}<{V}> x, {ro}<{V}> t, {ro}<{V}> m, {sp}<{V}> g) {{ }}   // every step has a loss: never called");
            w.Line();
            w.Line(dropout
                ? $"public void DrawMask({sp}<float> mask) => _network.NetGenDrawMask(mask);"
                : $"public void DrawMask({sp}<float> mask) {{ }}   // no dropout: never called");
        }
    }

    /// <summary>Gradient, GradientBatch, TrainStep, TrainBatch, Evaluate and the backpropagation through time they share.</summary>
    public static void WriteTraining(IndentedWriter w, NetworkSpec spec, System.Action<IndentedWriter, string> targetCheck, System.Action<IndentedWriter> targetDoc, bool lanes)
    {
        string targetLength = TargetLength(spec);
        string steps = I(LossSteps(spec));
        string loss = spec.SequenceLoss == SequenceLossKind.EveryStep ? $"{spec.Loss} averaged over the {spec.SequenceLength} steps" : $"{spec.Loss} of the last step";
        w.Line();
        w.Line("/// <summary>");
        w.Line($"/// The loss of one sequence of <see cref=\"SequenceLength\"/> steps from a zero state ({loss}) and its gradient, by backpropagation");
        w.Line("/// through time; overwrites <paramref name=\"gradient\"/>. Allocates nothing; not thread-safe.");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"input\">The sequence's row-major <c>[SequenceLength, InputSize]</c> features.</param>");
        w.Line($"/// <param name=\"target\">The sequence's targets, {TargetShape(spec)}.</param>");
        w.Line("/// <param name=\"gradient\">Receives the <see cref=\"ParameterCount\"/> partial derivatives, in <see cref=\"Parameters\"/> order.</param>");
        w.Line("/// <returns>The sequence's loss.</returns>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">A span does not have the expected length.</exception>");
        targetDoc(w);
        using (w.Block($"public float Gradient({ReadOnlySpan} input, {ReadOnlySpan} target, {Span} gradient)"))
        {
            CheckSequence(w, targetLength, targetCheck);
            w.Line($"{Args}.CheckLength(gradient.Length, ParameterCount, nameof(gradient));");
            w.Line("return NetGenSequenceBatch(input, target, 1, gradient, training: true);");
        }
        w.Line();
        w.Line("/// <summary>The mean loss of a batch of sequences and its gradient; overwrites <paramref name=\"gradient\"/>. Allocates nothing; not thread-safe.</summary>");
        w.Line("/// <param name=\"inputs\">Row-major <c>[n, SequenceLength, InputSize]</c> features, n ≥ 1.</param>");
        w.Line($"/// <param name=\"targets\">Row-major targets, n of {TargetShape(spec)}.</param>");
        w.Line("/// <param name=\"gradient\">Receives the gradient of the mean loss (<see cref=\"ParameterCount\"/> values).</param>");
        w.Line("/// <returns>The mean of the sequences' losses.</returns>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">A span does not have the expected length, or the batch is empty.</exception>");
        targetDoc(w);
        using (w.Block($"public float GradientBatch({ReadOnlySpan} inputs, {ReadOnlySpan} targets, {Span} gradient)"))
        {
            w.Line($"{Args}.CheckLength(gradient.Length, ParameterCount, nameof(gradient));");
            CheckBatch(w, targetLength, targetCheck);
            w.Line("return NetGenSequenceBatch(inputs, targets, n, gradient, training: true);");
        }
        w.Line();
        w.Line("/// <summary>One optimizer step on one sequence. Allocates nothing; not thread-safe.</summary>");
        w.Line("/// <param name=\"input\">The sequence's row-major <c>[SequenceLength, InputSize]</c> features.</param>");
        w.Line($"/// <param name=\"target\">The sequence's targets, {TargetShape(spec)}.</param>");
        w.Line("/// <returns>The sequence's loss before the step.</returns>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">A span does not have the expected length.</exception>");
        targetDoc(w);
        using (w.Block($"public float TrainStep({ReadOnlySpan} input, {ReadOnlySpan} target)"))
        {
            CheckSequence(w, targetLength, targetCheck);
            w.Line("float loss = NetGenSequenceBatch(input, target, 1, _netgenGradient, training: true);");
            w.Line("NetGenApplyOptimizerStep();");
            w.Line("return loss;");
        }
        w.Line();
        w.Line("/// <summary>One optimizer step on the mean loss of a batch of sequences. Allocates nothing; not thread-safe.</summary>");
        w.Line("/// <param name=\"inputs\">Row-major <c>[n, SequenceLength, InputSize]</c> features, n ≥ 1.</param>");
        w.Line($"/// <param name=\"targets\">Row-major targets, n of {TargetShape(spec)}.</param>");
        w.Line("/// <returns>The batch's mean loss before the step.</returns>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">A span does not have the expected length, or the batch is empty.</exception>");
        targetDoc(w);
        using (w.Block($"public float TrainBatch({ReadOnlySpan} inputs, {ReadOnlySpan} targets)"))
        {
            CheckBatch(w, targetLength, targetCheck);
            w.Line("float loss = NetGenSequenceBatch(inputs, targets, n, _netgenGradient, training: true);");
            w.Line("NetGenApplyOptimizerStep();");
            w.Line("return loss;");
        }
        w.Line();
        w.Line("/// <summary>");
        w.Line("/// The mean loss of a batch of sequences, each from a zero state, without dropout and without changing the parameters (what");
        w.Line("/// <see cref=\"GradientBatch\"/> returns for the same data). Allocates nothing; not thread-safe (it uses the training buffers).");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"inputs\">Row-major <c>[n, SequenceLength, InputSize]</c> features, n ≥ 1.</param>");
        w.Line($"/// <param name=\"targets\">Row-major targets, n of {TargetShape(spec)}.</param>");
        w.Line("/// <returns>The mean of the sequences' losses.</returns>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">A span does not have the expected length, or the batch is empty.</exception>");
        targetDoc(w);
        using (w.Block($"public float Evaluate({ReadOnlySpan} inputs, {ReadOnlySpan} targets)"))
        {
            CheckBatch(w, targetLength, targetCheck);
            w.Line("return NetGenSequenceBatch(inputs, targets, n, default, training: false);");
        }
        WriteBatch(w, spec, targetLength, steps, lanes);
        WriteBackpropagation(w, spec);
        WriteOwnLoss(w, spec);
    }

    /// <summary>The checks of one sequence's input and target (lengths, probabilities for the cross-entropy losses).</summary>
    private static void CheckSequence(IndentedWriter w, string targetLength, System.Action<IndentedWriter, string> targetCheck)
    {
        w.Line($"{Args}.CheckLength(input.Length, SequenceLength * InputSize, nameof(input));");
        w.Line($"{Args}.CheckLength(target.Length, {targetLength}, nameof(target));");
        targetCheck(w, "target");
    }

    /// <summary><c>int n = …</c>: the checks of a batch of sequences and their targets.</summary>
    private static void CheckBatch(IndentedWriter w, string targetLength, System.Action<IndentedWriter, string> targetCheck)
    {
        w.Line($"int n = {Args}.CheckBatch(inputs.Length, SequenceLength * InputSize, nameof(inputs), targets.Length, {targetLength}, nameof(targets), allowEmpty: false);");
        targetCheck(w, "targets");
    }

    private static void WriteBatch(IndentedWriter w, NetworkSpec spec, string targetLength, string steps, bool lanes)
    {
        bool dropout = DropoutEmitter.Has(spec);
        w.Line();
        w.Comment("The mean loss of n sequences; with a gradient span, the gradient of that mean. Training draws dropout masks; Evaluate uses none.");
        using (w.Block($"private float NetGenSequenceBatch({ReadOnlySpan} inputs, {ReadOnlySpan} targets, int n, {Span} gradient, bool training)"))
        {
            w.Line($"{Span} work = _netgenSequenceGradient;");
            w.Line("work.Clear();");
            if (dropout)
            {
                w.Line($"{Span} masks = _netgenSequenceMasks;");
                w.Line("if (!training) masks.Fill(1f);");
            }
            w.Line($"{ReadOnlySpan} p = _netgenParameters;");
            w.Line("float total = 0f;");
            w.Line("int done = 0;");
            if (lanes)
            {
                w.Comment("Vector<float>.Count sequences at once (one per lane) where SIMD is on; the rest one by one below.");
                w.Line($"if (global::NetGen.Runtime.SimdOptions.PreferredWidth != 0 && {Printing.LaneDialect.Statics}.IsHardwareAccelerated && n >= {Printing.LaneDialect.Type}.Count)");
                w.Line($"    done = global::NetGen.Runtime.Lanes.SequenceLaneBatch.Gradient(new NetGenSequenceLaneKernels(this), _netgenParameters, inputs, targets, work, n, ref _netgenSequenceLanes, ref total, training);");
            }
            using (w.Block("for (int i = done; i < n; i++)"))
            {
                if (dropout)
                {
                    w.Line($"if (training) for (int t = 0; t < SequenceLength; t++) NetGenDrawMask(masks.Slice(t * {I(DropoutEmitter.MaskSize(spec))}, {I(DropoutEmitter.MaskSize(spec))}));");
                }
                w.Line($"total += NetGenSequenceGradient(p, inputs.Slice(i * SequenceLength * InputSize, SequenceLength * InputSize), targets.Slice(i * {targetLength}, {targetLength}), work);");
            }
            using (w.Block("if (!gradient.IsEmpty)"))
            {
                w.Comment(spec.SequenceLoss == SequenceLossKind.EveryStep
                    ? "The kernels summed every step's loss of every sequence: the mean is over n·SequenceLength."
                    : "The kernels summed the last step's loss of every sequence: the mean is over n.");
                w.Line($"float count = (float)n * {steps};");
                w.Line("for (int k = 0; k < ParameterCount; k++) gradient[k] = work[k] / count;");
            }
            w.Line($"return total / ((float)n * {steps});");
        }
    }

    private static void WriteBackpropagation(IndentedWriter w, NetworkSpec spec)
    {
        bool dropout = DropoutEmitter.Has(spec);
        string maskSize = I(DropoutEmitter.MaskSize(spec));
        bool last = spec.SequenceLoss == SequenceLossKind.LastStep;
        w.Line();
        w.Comment("Backpropagation through time over one sequence from a zero state. Forward: the state before every step is kept.");
        w.Comment("Backward, last step first: each step's gradient kernel recomputes the step, adds its share of ∂L/∂θ to g[0..P) (the");
        w.Comment("weights are shared by every step, so the shares are summed: every path through the unrolled graph) and leaves");
        w.Comment("∂L/∂state(t−1) in g[P..P + StateSize), which the step before receives as its carried adjoint. Returns the summed loss.");
        using (w.Block($"private float NetGenSequenceGradient({ReadOnlySpan} p, {ReadOnlySpan} input, {ReadOnlySpan} target, {Span} g)"))
        {
            w.Line($"{Span} states = _netgenSequenceStates;");
            if (dropout) w.Line($"{ReadOnlySpan} masks = _netgenSequenceMasks;");
            w.Line($"{Span} x = stackalloc float[InputSize + StateSize];");
            if (dropout)
            {
                w.Line($"{Span} next = stackalloc float[StateSize];");
                w.Line("states.Slice(0, StateSize).Clear();");
                using (w.Block("for (int t = 0; t + 1 < SequenceLength; t++)"))
                {
                    w.Line("input.Slice(t * InputSize, InputSize).CopyTo(x);");
                    w.Line("states.Slice(t * StateSize, StateSize).CopyTo(x.Slice(InputSize));");
                    w.Line($"{SequenceKernels.TrainingForward}(p, x, masks.Slice(t * {maskSize}, {maskSize}), next);");
                    w.Line("next.CopyTo(states.Slice((t + 1) * StateSize, StateSize));");
                }
            }
            else
            {
                w.Line("NetGenSequenceStates(p, input);");
            }
            w.Line($"{Span} targetAndCarry = stackalloc float[OutputSize + StateSize];");
            w.Line(last ? "target.CopyTo(targetAndCarry);" : "targetAndCarry.Clear();");
            w.Line($"{Span} carried = g.Slice(ParameterCount, StateSize);");
            w.Line("carried.Clear();");
            w.Line("float loss = 0f;");
            using (w.Block("for (int t = SequenceLength - 1; t >= 0; t--)"))
            {
                w.Line("input.Slice(t * InputSize, InputSize).CopyTo(x);");
                w.Line("states.Slice(t * StateSize, StateSize).CopyTo(x.Slice(InputSize));");
                if (!last) w.Line("target.Slice(t * OutputSize, OutputSize).CopyTo(targetAndCarry);");
                w.Line("carried.CopyTo(targetAndCarry.Slice(OutputSize));");
                w.Line("carried.Clear();");
                string mask = dropout ? $"masks.Slice(t * {maskSize}, {maskSize}), " : "";
                if (last)
                {
                    w.Line($"if (t == SequenceLength - 1) loss += NetGenGradientKernel(p, x, targetAndCarry, {mask}g);");
                    w.Line($"else {SequenceKernels.CarryGradient}(p, x, targetAndCarry, {mask}g);");
                }
                else
                {
                    w.Line($"loss += NetGenGradientKernel(p, x, targetAndCarry, {mask}g);");
                }
            }
            w.Line("return loss;");
        }
    }

    /// <summary>
    /// The own-loss members (<c>Backward</c>, <c>BackwardBatch</c>, <c>InputGradient</c>) and their drivers: backpropagation through
    /// time of one sequence on the inference graph (no dropout), the step kernels of <see cref="SequenceKernels"/> run last step first
    /// with ∂J/∂state carried from each step to the one before.
    /// </summary>
    private static void WriteOwnLoss(IndentedWriter w, NetworkSpec spec)
    {
        const string sequence = "One sequence of <see cref=\"SequenceLength\"/> steps from a zero state (the network's own state is not used or changed); y(t) is";
        const string outputs = "what <see cref=\"PredictSequence\"/> returns at step t (after the output activation, no dropout), whatever <c>SequenceLoss</c> is.";
        const string safety = "Not thread-safe (it uses the training buffers).";
        var shape = OwnLossShape.Sequence(TargetLength(spec), TargetShape(spec));
        NetworkClassEmitter.WriteBackward(w, spec,
            (writer, x, dy, g) => writer.Line($"NetGenSequenceBackward({x}, {dy}, {g}, default);"),
            (writer, x, dy, g, dx) => writer.Line($"NetGenSequenceBackward({x}, {dy}, {g}, {dx});"),
            $"{sequence} {outputs} {safety}", shape: shape);
        NetworkClassEmitter.WriteInputGradient(w, spec, (writer, x, t, dx) => writer.Line($"return NetGenSequenceInputGradient({x}, {t}, {dx});"),
            $"One sequence of <see cref=\"SequenceLength\"/> steps from a zero state; the loss and its gradient are those of the loss <see cref=\"Gradient\"/> returns. {safety}", shape);
        w.Line();
        w.Comment("The state before every step of one sequence from a zero state (the inference step, no dropout), into the training buffer.");
        using (w.Block($"private void NetGenSequenceStates({ReadOnlySpan} p, {ReadOnlySpan} input)"))
        {
            w.Line($"{Span} states = _netgenSequenceStates;");
            w.Line($"{Span} x = stackalloc float[InputSize + StateSize];");
            w.Line($"{Span} y = stackalloc float[OutputSize + StateSize];");
            w.Line("states.Slice(0, StateSize).Clear();");
            using (w.Block("for (int t = 0; t + 1 < SequenceLength; t++)"))
            {
                w.Line("input.Slice(t * InputSize, InputSize).CopyTo(x);");
                w.Line("states.Slice(t * StateSize, StateSize).CopyTo(x.Slice(InputSize));");
                w.Line("NetGenForwardKernel(p, x, y);");
                w.Line("y.Slice(OutputSize).CopyTo(states.Slice((t + 1) * StateSize, StateSize));");
            }
        }

        w.Line();
        w.Comment("Backward through time with the caller's ∂L/∂y(t): J = Σₜ Σⱼ outputGradient[t, j]·y(t)[j]. Last step first, each step's kernel");
        w.Comment("adds its share of ∂J/∂θ to g (the weights are shared by every step: every path through the unrolled graph) and writes");
        w.Comment("∂J/∂x(t) and ∂J/∂state(t−1) to dx; the latter is the carried adjoint of the step before. inputGradient may be empty.");
        using (w.Block($"private void NetGenSequenceBackward({ReadOnlySpan} input, {ReadOnlySpan} outputGradient, {Span} g, {Span} inputGradient)"))
        {
            WriteReversePrologue(w);
            using (w.Block("for (int step = SequenceLength - 1; step >= 0; step--)"))
            {
                WriteStepInputs(w);
                w.Line("outputGradient.Slice(step * OutputSize, OutputSize).CopyTo(t);");
                w.Line("dx.Slice(InputSize).CopyTo(t.Slice(OutputSize));");
                using (w.Block("if (inputGradient.IsEmpty)"))
                {
                    w.Line($"{SequenceKernels.Backward}(p, x, t, g, dx);");
                }
                using (w.Block("else"))
                {
                    w.Line($"{SequenceKernels.BackwardInput}(p, x, t, g, dx);");
                    w.Line("dx.Slice(0, InputSize).CopyTo(inputGradient.Slice(step * InputSize, InputSize));");
                }
            }
        }

        bool last = spec.SequenceLoss == SequenceLossKind.LastStep;
        w.Line();
        w.Comment(last
            ? "InputGradient through time: the last step's loss, the steps before it carrying ∂L/∂state back only; returns the loss."
            : $"InputGradient through time: every step's loss; ∂L/∂x(t) and the loss divided by the {I(spec.SequenceLength)} steps (the mean Gradient returns).");
        using (w.Block($"private float NetGenSequenceInputGradient({ReadOnlySpan} input, {ReadOnlySpan} target, {Span} inputGradient)"))
        {
            WriteReversePrologue(w);
            if (last) w.Line("target.CopyTo(t);");
            w.Line("float loss = 0f;");
            using (w.Block("for (int step = SequenceLength - 1; step >= 0; step--)"))
            {
                WriteStepInputs(w);
                if (!last) w.Line("target.Slice(step * OutputSize, OutputSize).CopyTo(t);");
                w.Line("dx.Slice(InputSize).CopyTo(t.Slice(OutputSize));");
                if (last)
                {
                    w.Line($"if (step == SequenceLength - 1) loss = {SequenceKernels.InputGradient}(p, x, t, dx);");
                    w.Line($"else {SequenceKernels.CarryInputGradient}(p, x, t, dx);");
                    w.Line("dx.Slice(0, InputSize).CopyTo(inputGradient.Slice(step * InputSize, InputSize));");
                }
                else
                {
                    w.Line($"loss += {SequenceKernels.InputGradient}(p, x, t, dx);");
                    w.Line($"for (int i = 0; i < InputSize; i++) inputGradient[step * InputSize + i] = dx[i] / {I(spec.SequenceLength)}f;");
                }
            }
            w.Line(last ? "return loss;" : $"return loss / {I(spec.SequenceLength)}f;");
        }
    }

    /// <summary>
    /// The start of a backward pass through time on the inference step: the states before every step, and the step's
    /// buffers x (inputs, then the state before), t (the step's leaves, then the carried adjoint) and dx (∂J/∂x(t), then
    /// ∂J/∂state(t−1): zero after the last step).
    /// </summary>
    private static void WriteReversePrologue(IndentedWriter w)
    {
        w.Line($"{ReadOnlySpan} p = _netgenParameters;");
        w.Line("NetGenSequenceStates(p, input);");
        w.Line($"{ReadOnlySpan} states = _netgenSequenceStates;");
        w.Line($"{Span} x = stackalloc float[InputSize + StateSize];");
        w.Line($"{Span} t = stackalloc float[OutputSize + StateSize];");
        w.Line($"{Span} dx = stackalloc float[InputSize + StateSize];");
        w.Line("dx.Clear();");
    }

    /// <summary>x = the inputs of step <c>step</c>, then the state before it.</summary>
    private static void WriteStepInputs(IndentedWriter w)
    {
        w.Line("input.Slice(step * InputSize, InputSize).CopyTo(x);");
        w.Line("states.Slice(step * StateSize, StateSize).CopyTo(x.Slice(InputSize));");
    }
}
