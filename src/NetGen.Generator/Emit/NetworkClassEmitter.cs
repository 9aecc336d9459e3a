using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using NetGen.Generator.Graph;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emit;

/// <summary>Writes the generated half of a <c>[Network]</c> partial class: the contract's members around the three kernels.</summary>
internal static class NetworkClassEmitter
{
    private const string ReadOnlySpan = "global::System.ReadOnlySpan<float>";
    private const string Span = "global::System.Span<float>";
    private const string Args = "global::NetGen.Runtime.NetworkArguments";

    public static string Emit(NetworkSpec spec, CancellationToken token = default)
    {
        // A layered network (convolution, pooling, normalisation) is printed as loops over batches (Layered/).
        if (spec.IsLayered) return Layered.LayeredNetworkEmitter.Emit(spec, token);
        // A sequence network's kernels are printed from its step graph (Sequence/); it has no SIMD, matrix or GPU paths.
        var sequence = spec.IsSequence ? Sequence.SequenceKernels.Build(spec, token, lanes: spec.VectorWidths.Count > 0) : null;
        // Its batch-1 step runs across neurons on the widths the compilation has (Sequence/SequenceVectorStepEmitter).
        var stepWidths = sequence is not null ? Sequence.SequenceVectorStepEmitter.Widths(spec) : new VectorWidth[0];
        var stepPlan = stepWidths.Count > 0 ? Sequence.SequenceVectorStepEmitter.Plan(spec) : null;
        if (sequence is not null) spec = spec with { VectorWidths = new EquatableArray<int>(new int[0]), GpuKernels = false };
        var network = sequence?.Forward ?? NetworkLowering.Lower(spec, token);
        token.ThrowIfCancellationRequested();
        // With [Dropout], the gradient kernel comes from the training graph (mask leaves); forward and loss never drop.
        var training = DropoutEmitter.Has(spec) && sequence is null ? NetworkLowering.Lower(spec, token, training: true) : network;
        // An inference-only network gets the forward kernel only.
        // Evaluate runs the gradient kernels (their losses are exactly GradientBatch's), so no loss kernel is printed: the
        // forward pass is not written a third time.
        var kinds = spec.Trainable ? new[] { KernelKind.Forward, KernelKind.Gradient } : new[] { KernelKind.Forward };
        var kernels = new List<KernelSchedule>();
        foreach (KernelKind kind in sequence is null ? kinds : new KernelKind[0])
        {
            kernels.Add(KernelSchedule.Build(kind == KernelKind.Gradient ? training : network, kind));
            token.ThrowIfCancellationRequested();
        }
        if (spec.Trainable && sequence is null)
        {
            // Backward, Backward with ∂L/∂x, InputGradient: three graphs differentiated for what each member stores.
            kernels.Add(KernelSchedule.Build(NetworkLowering.LowerBackward(spec, loss: false, inputs: false, token), KernelKind.Backward));
            kernels.Add(KernelSchedule.Build(NetworkLowering.LowerBackward(spec, loss: false, inputs: true, token), KernelKind.BackwardInput));
            kernels.Add(KernelSchedule.Build(NetworkLowering.LowerBackward(spec, loss: true, inputs: true, token), KernelKind.InputGradient));
            token.ThrowIfCancellationRequested();
        }

        // Lane (SIMD) kernels share one schedule across widths; a width whose scratch vectors would take too much
        // stack is not emitted (that network keeps the scalar path on that width).
        // Batch-1 Predict across neurons: every width the compilation has (its stack use is two activation rows).
        var neuronWidths = spec.VectorWidths.Count > 0 && NeuronLayout.IsWorthwhile(network.Layers)
            ? LaneDriverEmitter.Widths(spec).ToArray()
            : new VectorWidth[0];
        var neuronLayout = NeuronLayout.Build(network.Layers);

        // Dense-only networks with SIMD run their batches as register-blocked matrix products (Matrix/); the lane kernels
        // (one sample per lane) are for the rest (dropout, networks too narrow for the packed copy).
        var matrix = Matrix.MatrixPlan.Applies(spec, neuronWidths.Length > 0, network.Layers) ? Matrix.MatrixPlan.Build(neuronLayout, spec.InputSize) : null;
        var laneKernels = new List<KernelSchedule>();
        if (matrix is not null)
        {
            spec = spec with { VectorWidths = new EquatableArray<int>(new int[0]) };
        }
        else if (spec.VectorWidths.Count > 0)
        {
            foreach (KernelKind kind in kinds)
            {
                laneKernels.Add(KernelSchedule.Build(kind == KernelKind.Gradient ? training : network, kind, costScale: 1.6));
                token.ThrowIfCancellationRequested();
            }
            // Sized for the widest Vector<float> (512 bits): a network whose scratch vectors would take too much stack keeps
            // the scalar path for its batches.
            long scratch = laneKernels.Max(k => (long)k.ScratchSize + spec.InputSize + spec.OutputSize * 2 + k.MaskSize);
            if (scratch * 64 > MaxLaneStackBytes) spec = spec with { VectorWidths = new EquatableArray<int>(new int[0]) };
        }

        var w = new IndentedWriter();
        var scopes = WriteFileStart(w, spec);
        bool lanes = spec.VectorWidths.Count > 0;
        bool sequenceLanes = sequence is not null && sequence.LaneKernels.Count > 0;
        if (lanes || neuronWidths.Length > 0 || stepWidths.Count > 0 || sequenceLanes)
        {
            w.Comment("Short names for the SIMD code below.");
            w.Line($"using {VectorWidth.MathAlias} = global::NetGen.Runtime.VectorMath;");
            if (lanes || sequenceLanes) foreach (string alias in Printing.LaneDialect.Aliases) w.Line(alias);
            foreach (var width in neuronWidths.Concat(stepWidths).OrderBy(width => width.Bits))
            {
                foreach (string alias in width.Aliases) w.Line(alias);
            }
            w.Line();
        }
        foreach (var outer in spec.ContainingTypes) scopes.Add(w.Block($"partial {outer.Keyword} {outer.Name}"));

        NetworkSummary.Write(w, spec, network);
        // Sequence networks implement no interface: their Predict is one step and their batches are [n, T, ...].
        using (w.Block("partial class " + spec.ClassName + (sequence is null ? " : " + NetworkInterfaceEmitter.Interface(spec) : "")))
        {
            WriteState(w, spec, network.ParameterCount, neuronWidths.Length > 0 ? neuronLayout : null,
                stepPlan is null ? null : writer => Sequence.SequenceVectorStepEmitter.EmitRefresh(writer, stepPlan));
            if (matrix is not null) Matrix.MatrixDriverEmitter.EmitFields(w, spec);
            if (sequence is not null) Sequence.SequenceMembersEmitter.WriteFields(w, spec, sequenceLanes);
            else NetworkInterfaceEmitter.Write(w, spec);
            if (stepPlan is not null) Sequence.SequenceVectorStepEmitter.EmitFields(w, stepPlan);
            WriteConstructors(w, spec);
            if (sequence is not null)
            {
                Sequence.SequenceMembersEmitter.WriteInference(w, spec, stepWidths);
                if (spec.Trainable)
                {
                    Sequence.SequenceMembersEmitter.WriteTraining(w, spec, (writer, name) => WriteTargetCheck(writer, spec, name), writer => WriteTargetDoc(writer, spec), sequenceLanes);
                    WriteApplyGradient(w);
                    WriteOptimizerStep(w, spec);
                }
            }
            else
            {
                WriteInference(w, spec, neuronWidths, matrix is not null);
                if (spec.Trainable) WriteTraining(w, spec, matrix is not null);
            }
            WritePersistence(w, spec);
            SafetensorsEmitter.Write(w, spec);
            Onnx.OnnxExportEmitter.Write(w, spec);
            BakedWeightsEmitter.WriteData(w, spec);
            foreach (var kernel in kernels)
            {
                w.Line();
                ScalarKernelEmitter.Emit(w, kernel, KernelSummary(kernel.Kind), spec.Deterministic);
            }
            foreach (var (kernel, summary) in sequence?.Kernels ?? new List<(KernelSchedule, string)>())
            {
                w.Line();
                ScalarKernelEmitter.Emit(w, kernel, summary, spec.Deterministic);
            }
            foreach (var width in stepWidths)
            {
                w.Line();
                Sequence.SequenceVectorStepEmitter.EmitStep(w, spec, stepPlan!, width);
            }
            if (sequenceLanes)
            {
                Sequence.SequenceMembersEmitter.WriteLaneKernelsStruct(w, spec);
                var dialect = new Printing.LaneDialect(spec.MultiplyAddEstimate);
                foreach (var kernel in sequence!.LaneKernels)
                {
                    token.ThrowIfCancellationRequested();
                    w.Line();
                    LaneKernelEmitter.Emit(w, kernel, dialect);
                }
            }
            if (neuronWidths.Length > 0)
            {
                PackedCopyEmitter.EmitMembers(w, neuronLayout);
                foreach (var width in neuronWidths)
                {
                    w.Line();
                    NeuronKernelEmitter.EmitKernel(w, neuronLayout, width, spec.UnrollLimit);
                }
            }
            if (matrix is not null)
            {
                Matrix.MatrixDriverEmitter.Emit(w, spec, matrix, neuronWidths, Matrix.LossHead.Schedules(spec, matrix));
            }
            if (lanes)
            {
                LaneDriverEmitter.EmitDrivers(w, spec);
                var dialect = new Printing.LaneDialect(spec.MultiplyAddEstimate);
                foreach (var kernel in laneKernels)
                {
                    token.ThrowIfCancellationRequested();
                    w.Line();
                    LaneKernelEmitter.Emit(w, kernel, dialect);
                }
            }
            if (spec.GpuKernels && spec.Trainable && spec.GpuOptimizerGap is null) Gpu.GpuTrainerEmitter.Emit(w, spec, network, training);
        }

        for (int i = scopes.Count - 1; i >= 0; i--) scopes[i].Dispose();
        return w.ToString();
    }

    /// <summary>
    /// The file's first lines (auto-generated marker, <c>#nullable enable</c>) and its namespace: file-scoped where the
    /// compilation is C# 10 or later, else a block; returns the scopes the caller closes after the class.
    /// </summary>
    internal static List<IDisposable> WriteFileStart(IndentedWriter w, NetworkSpec spec)
    {
        w.Line("// <auto-generated/>");
        w.Line("// Generated by NetGen from the [Network] attributes of " + spec.ClassName + ". Do not edit: change the attributes instead.");
        w.Line("#nullable enable");
        w.Line();
        var scopes = new List<IDisposable>();
        if (spec.Namespace is not null && spec.FileScopedNamespace)
        {
            // C# 10 and later: one indentation level less on every line of the file.
            w.Line("namespace " + spec.Namespace + ";");
            w.Line();
        }
        else if (spec.Namespace is not null)
        {
            scopes.Add(w.Block("namespace " + spec.Namespace));
        }
        return scopes;
    }

    /// <summary>Stack one lane-kernel call may take for its vectors (scratch, inputs, targets, outputs).</summary>
    private const long MaxLaneStackBytes = 256 * 1024;

    private static string KernelSummary(KernelKind kind) => kind switch
    {
        KernelKind.Forward => "Forward pass of one sample: <c>y = f(x)</c> with parameters <c>p</c>.",
        KernelKind.Gradient => "Loss of one sample and its gradient: adds <c>∂L/∂p</c> to <c>g</c> (derived by reverse-mode differentiation of the forward graph).",
        KernelKind.Backward => "Vector–Jacobian product of one sample's outputs with <c>t</c> = ∂L/∂y: adds <c>∂(t·y)/∂p</c> to <c>g</c> (reverse-mode differentiation of the inference graph).",
        KernelKind.BackwardInput => "Vector–Jacobian product of one sample's outputs with <c>t</c> = ∂L/∂y: adds <c>∂(t·y)/∂p</c> to <c>g</c> and writes <c>∂(t·y)/∂x</c> to <c>dx</c>.",
        KernelKind.InputGradient => "Loss of one sample (inference graph, no dropout) and its gradient with respect to the input: writes <c>∂L/∂x</c> to <c>dx</c>.",
        _ => throw new InvalidOperationException($"Kernel kind {kind} has no summary."),
    };

    private static string F(float value) => FloatLiteral.Format(value);

    private static bool UsesMomentum(NetworkSpec spec) => spec.Optimizer == OptimizerKind.Sgd && spec.Momentum != 0f;

    internal static void WriteState(IndentedWriter w, NetworkSpec spec, int parameterCount, NeuronLayout? packed, Action<IndentedWriter>? refresh = null)
    {
        string fingerprintText = LayoutFingerprint.Describe(spec);
        ulong fingerprint = LayoutFingerprint.Hash(fingerprintText);
        string unit = spec.IsSequence ? "time step" : "sample";
        w.Line($"/// <summary>Number of input features of one {unit} ({spec.InputSize}).</summary>");
        w.Line($"public const int InputSize = {spec.InputSize};");
        w.Line();
        w.Line($"/// <summary>Number of outputs of one {unit} ({spec.OutputSize}).</summary>");
        w.Line($"public const int OutputSize = {spec.OutputSize};");
        w.Line();
        w.Line(spec.IsLayered
            ? $"/// <summary>Number of trainable parameters ({parameterCount}): per layer in source order, its weights then its biases (PyTorch's tensor order).</summary>"
            : $"/// <summary>Number of trainable parameters ({parameterCount}): per layer, weights <c>[out, in]</c> row-major, then biases.</summary>");
        w.Line($"public const int ParameterCount = {parameterCount};");
        w.Line();
        w.Comment("FNV-1a 64 of \"" + fingerprintText + "\"; saved files carry it.");
        w.Line($"private const ulong LayoutFingerprint = 0x{fingerprint.ToString("X16", CultureInfo.InvariantCulture)}UL;");
        w.Line();
        w.Line("private readonly float[] _netgenParameters = new float[ParameterCount];");
        if (spec.Trainable) WriteTrainingState(w, spec);
        if (packed is not null) PackedCopyEmitter.EmitFields(w, packed);
        if (spec.Trainable) w.Line($"private float _netgenLearningRate = {F(spec.LearningRate)};");
        DropoutEmitter.WriteState(w, spec);
        WriteParameterMembers(w, packed, refresh, spec.IsLayered);
        if (spec.Trainable) WriteLearningRate(w, spec);
    }

    /// <summary>The gradient buffers and the optimizer state (trainable networks only).</summary>
    private static void WriteTrainingState(IndentedWriter w, NetworkSpec spec)
    {
        w.Line("private readonly float[] _netgenGradient = new float[ParameterCount];");
        w.Line($"private readonly float[] _netgenVelocity = {(UsesMomentum(spec) ? "new float[ParameterCount]" : "global::System.Array.Empty<float>()")};");
        string adam = spec.UsesAdamMoments ? "new float[ParameterCount]" : "global::System.Array.Empty<float>()";
        w.Line($"private readonly float[] _netgenAdamM = {adam};");
        w.Line($"private readonly float[] _netgenAdamV = {adam};");
        w.Line("private long _netgenStep;");
        if (spec.VectorWidths.Count > 0) w.Line("private float[]? _netgenLaneGradient;");
    }

    /// <summary><c>Parameters</c>, <c>SetParameters</c> and the one method every parameter write ends in.</summary>
    private static void WriteParameterMembers(IndentedWriter w, NeuronLayout? packed, Action<IndentedWriter>? refresh, bool layered = false)
    {
        w.Line();
        w.Line("/// <summary>");
        w.Line(layered
            ? "/// All parameters, layer by layer in source order, each layer's tensors in PyTorch's order and layout: a Dense layer's weights <c>[out, in]</c>, a convolution's <c>[out, in, k]</c> or <c>[out, in, k, k]</c>, then its biases; a normalisation's weight γ, then its bias β."
            : "/// All parameters, layer by layer in source order: weights row-major <c>[out, in]</c> (PyTorch <c>nn.Linear.weight</c> order), then biases.");
        w.Line("/// A read-only view of the network's own storage: no side effect, no allocation. It shows every later write (<see cref=\"SetParameters\"/>,");
        w.Line("/// training, loading); copy it (<c>ToArray</c>, <c>CopyTo</c>) to keep a snapshot.");
        w.Line("/// </summary>");
        w.Line($"public {ReadOnlySpan} Parameters => _netgenParameters;");
        w.Line();
        w.Line("/// <summary>");
        w.Line("/// Replaces all parameters with <paramref name=\"values\"/> (in <see cref=\"Parameters\"/> order) and brings every copy derived from");
        w.Line("/// them up to date before it returns, so the next call of any member uses exactly these values. Allocates nothing. The optimizer");
        w.Line("/// state (momentum, Adam moments, step count) is left as it is. Not thread-safe: do not call it while another thread runs a member.");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"values\">The <see cref=\"ParameterCount\"/> new parameters; it may be a view of <see cref=\"Parameters\"/> itself.</param>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\"><paramref name=\"values\"/> does not have length <see cref=\"ParameterCount\"/>.</exception>");
        using (w.Block($"public void SetParameters({ReadOnlySpan} values)"))
        {
            w.Line($"{Args}.CheckLength(values.Length, ParameterCount, nameof(values));");
            w.Line("values.CopyTo(_netgenParameters);");
            w.Line("NetGenParametersWritten();");
        }
        w.Line();
        w.Comment("Every write of _netgenParameters ends here (SetParameters, Restore, LoadSafetensors, constructors, optimizer steps).");
        using (w.Block("private void NetGenParametersWritten()"))
        {
            if (packed is not null) PackedCopyEmitter.EmitRefresh(w);
            else if (refresh is not null) refresh(w);
            else w.Comment("Nothing is derived from the parameters in this network: every kernel reads them directly.");
        }
    }

    /// <summary>The <c>LearningRate</c> property (trainable networks only).</summary>
    private static void WriteLearningRate(IndentedWriter w, NetworkSpec spec)
    {
        w.Line();
        w.Line($"/// <summary>Learning rate of the optimizer; starts at {F(spec.LearningRate).TrimEnd('f')} (the attribute's value), may be changed between steps, and is saved.</summary>");
        w.Line("/// <exception cref=\"global::System.ArgumentOutOfRangeException\">The value is not finite and greater than 0.</exception>");
        using (w.Block("public float LearningRate"))
        {
            w.Line("get => _netgenLearningRate;");
            using (w.Block("set"))
            {
                w.Line("if (!(value > 0f) || float.IsInfinity(value)) throw new global::System.ArgumentOutOfRangeException(nameof(value), value, \"The learning rate must be finite and greater than 0.\");");
                w.Line("_netgenLearningRate = value;");
            }
        }
    }

    internal static void WriteConstructors(IndentedWriter w, NetworkSpec spec)
    {
        w.Line();
        if (BakedWeightsEmitter.HasBakedWeights(spec))
        {
            BakedWeightsEmitter.WriteConstructor(w, spec);
        }
        else
        {
            w.Line($"/// <summary>Creates the network with parameters initialised from the attribute's seed ({spec.Seed}).</summary>");
            w.Line($"public {spec.ClassName}() : this({spec.Seed}) {{ }}");
        }
        w.Line();
        w.Line("/// <summary>");
        w.Line("/// Creates the network with parameters initialised deterministically from <paramref name=\"seed\"/>: Glorot uniform");
        w.Line("/// U(±√(6/(in+out))) for Identity, Sigmoid, Tanh, Softmax and HardSigmoid layers, He uniform U(±√(6/in)) for the rectifier family");
        w.Line(spec.IsLayered
            ? "/// (Relu, LeakyRelu, Silu, Gelu, GeluTanh, Elu, Softplus, Mish, HardSwish), biases 0, for Dense layers; PyTorch's U(±1/√fan-in) for a convolution's weights and biases; weights 1 and biases 0 for LayerNorm and BatchNorm (running mean 0, variance 1)."
            : "/// (Relu, LeakyRelu, Silu, Gelu, GeluTanh, Elu, Softplus, Mish, HardSwish); biases 0.");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"seed\">Seed of NetGen's own generator; the same seed gives the same parameters on every platform.</param>");
        using (w.Block($"public {spec.ClassName}(int seed)"))
        {
            w.Line("var random = new global::NetGen.Runtime.DeterministicRandom(global::NetGen.Runtime.DeterministicRandom.SeedFrom(seed));");
            int offset = 0;
            foreach (var layer in spec.Layers)
            {
                var rule = layer.Initialisation(offset);
                offset += (int)layer.ParameterCount;
                if (rule is null) continue;
                w.Comment(rule.Comment);
                w.Line(rule.Constant is float constant
                    ? $"global::System.MemoryExtensions.AsSpan(_netgenParameters, {rule.Offset}, {rule.Count}).Fill({F(constant)});"
                    : $"global::NetGen.Runtime.ParameterInitializer.FillUniform(global::System.MemoryExtensions.AsSpan(_netgenParameters, {rule.Offset}, {rule.Count}), {F(rule.Limit)}, ref random);");
            }
            DropoutEmitter.WriteSeed(w, spec);
            Layered.StatisticsEmitter.WriteInitialisation(w, spec);
            w.Line("NetGenParametersWritten();");
        }
        w.Line();
        w.Comment("Used by Load once the whole file has been checked.");
        w.Line($"private {spec.ClassName}(global::NetGen.Runtime.NetworkFileContents contents) => NetGenRestore(contents);");
    }

    private static void WriteInference(IndentedWriter w, NetworkSpec spec, IReadOnlyList<VectorWidth> neuronWidths, bool matrix)
    {
        w.Line();
        w.Line("/// <summary>Computes the outputs of one sample. Allocates nothing; thread-safe.</summary>");
        w.Line("/// <param name=\"input\">The sample's <see cref=\"InputSize\"/> features.</param>");
        w.Line("/// <param name=\"output\">Receives the <see cref=\"OutputSize\"/> outputs.</param>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">A span does not have the expected length.</exception>");
        using (w.Block($"public void Predict({ReadOnlySpan} input, {Span} output)"))
        {
            w.Line($"{Args}.CheckLength(input.Length, InputSize, nameof(input));");
            w.Line($"{Args}.CheckLength(output.Length, OutputSize, nameof(output));");
            if (neuronWidths.Count > 0) PackedCopyEmitter.EmitPredictDispatch(w, neuronWidths);
            else w.Line("NetGenForwardKernel(_netgenParameters, input, output);");
        }
        w.Line();
        w.Line("/// <summary>Computes the outputs of a batch of samples. Allocates nothing; thread-safe.</summary>");
        w.Line("/// <param name=\"inputs\">Row-major <c>[n, InputSize]</c> features.</param>");
        w.Line("/// <param name=\"outputs\">Receives row-major <c>[n, OutputSize]</c> outputs.</param>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">The lengths are not <c>n·InputSize</c> and <c>n·OutputSize</c> for one n.</exception>");
        using (w.Block($"public void PredictBatch({ReadOnlySpan} inputs, {Span} outputs)"))
        {
            w.Line($"int n = {Args}.CheckBatch(inputs.Length, InputSize, nameof(inputs), outputs.Length, OutputSize, nameof(outputs), allowEmpty: true);");
            if (matrix)
            {
                w.Comment("Batches of 4 and more as matrix products; fewer samples through batch-1 Predict (a block would be mostly padding).");
                using (w.Block($"if ({Matrix.MatrixDriverEmitter.Condition})"))
                {
                    w.Line($"if (n >= 4) {Matrix.MatrixDriverEmitter.PredictCall};");
                    w.Line("else for (int i = 0; i < n; i++) Predict(inputs.Slice(i * InputSize, InputSize), outputs.Slice(i * OutputSize, OutputSize));");
                    w.Line("return;");
                }
                w.Line("int done = 0;");
            }
            else
            {
                LaneDriverEmitter.Dispatch(w, spec.VectorWidths.Count > 0, "NetGenPredictBatchLanes(inputs, outputs, n)");
            }
            w.Line($"{ReadOnlySpan} p = _netgenParameters;");
            w.Line("for (int i = done; i < n; i++) NetGenForwardKernel(p, inputs.Slice(i * InputSize, InputSize), outputs.Slice(i * OutputSize, OutputSize));");
        }
    }

    private static void WriteTraining(IndentedWriter w, NetworkSpec spec, bool matrix)
    {
        w.Line();
        w.Line("/// <summary>Computes the loss of one sample and overwrites <paramref name=\"gradient\"/> with ∂L/∂θ. Allocates nothing.</summary>");
        w.Line("/// <param name=\"input\">The sample's <see cref=\"InputSize\"/> features.</param>");
        w.Line("/// <param name=\"target\">The sample's <see cref=\"OutputSize\"/> targets.</param>");
        w.Line("/// <param name=\"gradient\">Receives the <see cref=\"ParameterCount\"/> partial derivatives, in <see cref=\"Parameters\"/> order.</param>");
        w.Line($"/// <returns>The sample's loss ({spec.Loss}).</returns>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">A span does not have the expected length.</exception>");
        WriteTargetDoc(w, spec);
        using (w.Block($"public float Gradient({ReadOnlySpan} input, {ReadOnlySpan} target, {Span} gradient)"))
        {
            w.Line($"{Args}.CheckLength(input.Length, InputSize, nameof(input));");
            w.Line($"{Args}.CheckLength(target.Length, OutputSize, nameof(target));");
            WriteTargetCheck(w, spec, "target");
            w.Line($"{Args}.CheckLength(gradient.Length, ParameterCount, nameof(gradient));");
            w.Line("gradient.Clear();");
            DropoutEmitter.WriteMaskBuffer(w, spec, draw: true);
            w.Line($"return NetGenGradientKernel({DropoutEmitter.KernelArguments(spec, "_netgenParameters", "input", "target", "gradient")});");
        }
        w.Line();
        w.Line("/// <summary>Computes the mean loss of a batch and overwrites <paramref name=\"gradient\"/> with its gradient. Allocates nothing.</summary>");
        w.Line("/// <param name=\"inputs\">Row-major <c>[n, InputSize]</c> features, n ≥ 1.</param>");
        w.Line("/// <param name=\"targets\">Row-major <c>[n, OutputSize]</c> targets.</param>");
        w.Line("/// <param name=\"gradient\">Receives the gradient of the mean loss (<see cref=\"ParameterCount\"/> values).</param>");
        w.Line("/// <returns>The mean of the samples' losses.</returns>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">A span does not have the expected length, or the batch is empty.</exception>");
        WriteTargetDoc(w, spec);
        using (w.Block($"public float GradientBatch({ReadOnlySpan} inputs, {ReadOnlySpan} targets, {Span} gradient)"))
        {
            w.Line($"{Args}.CheckLength(gradient.Length, ParameterCount, nameof(gradient));");
            w.Line($"int n = {Args}.CheckBatch(inputs.Length, InputSize, nameof(inputs), targets.Length, OutputSize, nameof(targets), allowEmpty: false);");
            WriteTargetCheck(w, spec, "targets");
            w.Line("return NetGenBatchGradient(inputs, targets, gradient, n);");
        }
        w.Line();
        w.Line("/// <summary>Does one optimizer step on one sample. Allocates nothing; not thread-safe.</summary>");
        w.Line("/// <param name=\"input\">The sample's <see cref=\"InputSize\"/> features.</param>");
        w.Line("/// <param name=\"target\">The sample's <see cref=\"OutputSize\"/> targets.</param>");
        w.Line("/// <returns>The sample's loss before the step.</returns>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">A span does not have the expected length.</exception>");
        WriteTargetDoc(w, spec);
        using (w.Block($"public float TrainStep({ReadOnlySpan} input, {ReadOnlySpan} target)"))
        {
            w.Line($"{Args}.CheckLength(input.Length, InputSize, nameof(input));");
            w.Line($"{Args}.CheckLength(target.Length, OutputSize, nameof(target));");
            WriteTargetCheck(w, spec, "target");
            w.Line($"{Span} gradient = _netgenGradient;");
            w.Line("gradient.Clear();");
            DropoutEmitter.WriteMaskBuffer(w, spec, draw: true);
            w.Line($"float loss = NetGenGradientKernel({DropoutEmitter.KernelArguments(spec, "_netgenParameters", "input", "target", "gradient")});");
            w.Line("NetGenApplyOptimizerStep();");
            w.Line("return loss;");
        }
        w.Line();
        w.Line("/// <summary>Does one optimizer step on the mean loss of a batch. Allocates nothing; not thread-safe.</summary>");
        w.Line("/// <param name=\"inputs\">Row-major <c>[n, InputSize]</c> features, n ≥ 1.</param>");
        w.Line("/// <param name=\"targets\">Row-major <c>[n, OutputSize]</c> targets.</param>");
        w.Line("/// <returns>The batch's mean loss before the step.</returns>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">A span does not have the expected length, or the batch is empty.</exception>");
        WriteTargetDoc(w, spec);
        using (w.Block($"public float TrainBatch({ReadOnlySpan} inputs, {ReadOnlySpan} targets)"))
        {
            w.Line($"int n = {Args}.CheckBatch(inputs.Length, InputSize, nameof(inputs), targets.Length, OutputSize, nameof(targets), allowEmpty: false);");
            WriteTargetCheck(w, spec, "targets");
            w.Line("float loss = NetGenBatchGradient(inputs, targets, _netgenGradient, n);");
            w.Line("NetGenApplyOptimizerStep();");
            w.Line("return loss;");
        }
        w.Line();
        w.Line("/// <summary>Computes the mean loss of a batch without changing anything. Allocates nothing; thread-safe.</summary>");
        w.Line("/// <param name=\"inputs\">Row-major <c>[n, InputSize]</c> features, n ≥ 1.</param>");
        w.Line("/// <param name=\"targets\">Row-major <c>[n, OutputSize]</c> targets.</param>");
        w.Line("/// <returns>The mean of the samples' losses (what <see cref=\"GradientBatch\"/> returns for the same data).</returns>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">A span does not have the expected length, or the batch is empty.</exception>");
        WriteTargetDoc(w, spec);
        using (w.Block($"public float Evaluate({ReadOnlySpan} inputs, {ReadOnlySpan} targets)"))
        {
            w.Line($"int n = {Args}.CheckBatch(inputs.Length, InputSize, nameof(inputs), targets.Length, OutputSize, nameof(targets), allowEmpty: false);");
            WriteTargetCheck(w, spec, "targets");
            if (matrix)
            {
                w.Line($"if ({Matrix.MatrixDriverEmitter.Condition}) return {Matrix.MatrixDriverEmitter.EvaluateCall};");
            }
            w.Line("float total = 0f;");
            LaneDriverEmitter.Dispatch(w, spec.VectorWidths.Count > 0, "NetGenEvaluateLanes(inputs, targets, n, ref total)");
            w.Line($"{ReadOnlySpan} p = _netgenParameters;");
            w.Comment("The gradient kernel's loss (exactly GradientBatch's); its gradient goes to a scratch buffer and is ignored.");
            w.Line($"{Span} scratch = _netgenGradient;");
            if (DropoutEmitter.Has(spec))
            {
                w.Comment("No dropout: every mask value 1 (the training graph times ones is the inference graph, exactly).");
                DropoutEmitter.WriteMaskBuffer(w, spec);
                w.Line("m.Fill(1f);");
            }
            string call = $"NetGenGradientKernel({DropoutEmitter.KernelArguments(spec, "p", "inputs.Slice(i * InputSize, InputSize)", "targets.Slice(i * OutputSize, OutputSize)", "scratch")})";
            w.Line($"for (int i = done; i < n; i++) total += {call};");
            w.Line("return total / n;");
        }
        w.Line();
        w.Comment("Gradient of the batch's mean loss: per-sample gradients summed, then divided by n.");
        using (w.Block($"private float NetGenBatchGradient({ReadOnlySpan} inputs, {ReadOnlySpan} targets, {Span} gradient, int n)"))
        {
            if (matrix)
            {
                w.Line($"if ({Matrix.MatrixDriverEmitter.Condition}) return {Matrix.MatrixDriverEmitter.GradientCall};");
            }
            w.Line("gradient.Clear();");
            w.Line("float total = 0f;");
            LaneDriverEmitter.Dispatch(w, spec.VectorWidths.Count > 0, "NetGenBatchGradientLanes(inputs, targets, gradient, n, ref total)");
            w.Line($"{ReadOnlySpan} p = _netgenParameters;");
            DropoutEmitter.WriteMaskBuffer(w, spec);
            string call = $"NetGenGradientKernel({DropoutEmitter.KernelArguments(spec, "p", "inputs.Slice(i * InputSize, InputSize)", "targets.Slice(i * OutputSize, OutputSize)", "gradient")})";
            w.Line(DropoutEmitter.Has(spec)
                ? $"for (int i = done; i < n; i++) {{ NetGenDrawMask(m); total += {call}; }}"
                : $"for (int i = done; i < n; i++) total += {call};");
            w.Line("for (int k = 0; k < gradient.Length; k++) gradient[k] /= n;");
            w.Line("return total / n;");
        }
        WriteBackward(w, spec,
            (writer, x, dy, g) => writer.Line($"NetGenBackwardKernel(_netgenParameters, {x}, {dy}, {g});"),
            (writer, x, dy, g, dx) => writer.Line($"NetGenBackwardInputKernel(_netgenParameters, {x}, {dy}, {g}, {dx});"),
            matrix ? "With SIMD, BackwardBatch runs the batch as matrix products on the training workspace (not thread-safe; Backward row by row within float rounding)." : null,
            batchFirst: matrix ? (writer, inputs) =>
            {
                writer.Comment("With SIMD: the batch as matrix products (the training block with the caller's ∂L/∂y in place of the loss head).");
                using (writer.Block($"if (n > 0 && {Matrix.MatrixDriverEmitter.Condition})"))
                {
                    writer.Line(Matrix.MatrixDriverEmitter.BackwardCall(inputs ? "inputGradients" : "default") + ";");
                    writer.Line("return;");
                }
            } : null);
        WriteInputGradient(w, spec, (writer, x, t, dx) => writer.Line($"return NetGenInputGradientKernel(_netgenParameters, {x}, {t}, {dx});"));
        WriteApplyGradient(w);
        WriteOptimizerStep(w, spec);
    }

    /// <summary>
    /// <c>Backward</c> and <c>BackwardBatch</c> (with and without the input gradient) around per-sample calls that add the
    /// vector–Jacobian product into <c>g</c> (and write <c>dx</c>). Every family shares the members; <paramref name="shape"/> says
    /// what one sample is (default: one input row; a sequence network's: one window).
    /// </summary>
    internal static void WriteBackward(IndentedWriter w, NetworkSpec spec, Action<IndentedWriter, string, string, string> backward,
        Action<IndentedWriter, string, string, string, string> backwardInput, string? batchNote = null, bool batchLoop = true, OwnLossShape? shape = null,
        Action<IndentedWriter, bool>? batchFirst = null)
    {
        var s = shape ?? OwnLossShape.Sample;
        const string accumulate = "/// Backpropagates a gradient of your own through the network: adds the vector–Jacobian product (∂y/∂θ)ᵀ·<paramref name=\"outputGradient\"/>";
        const string throws = "/// <exception cref=\"global::System.ArgumentException\">A span does not have the expected length.</exception>";
        string row = $"inputs.Slice(i * {s.InputLength}, {s.InputLength})", dyRow = $"outputGradients.Slice(i * {s.OutputLength}, {s.OutputLength})";
        // One sample, without then with ∂L/∂x.
        foreach (bool withInput in new[] { false, true })
        {
            w.Line();
            w.Line("/// <summary>");
            w.Line(accumulate);
            if (withInput)
            {
                w.Line("/// of one sample to <paramref name=\"parameterGradient\"/> (added: calls accumulate) and writes ∂L/∂x to <paramref name=\"inputGradient\"/>");
                w.Line($"/// (overwritten). {s.Outputs} returns. Allocates nothing.");
            }
            else
            {
                w.Line($"/// of one sample to <paramref name=\"parameterGradient\"/> (added, not overwritten: calls accumulate). {s.Outputs}");
                w.Line("/// returns (after the output activation, Softmax included; no dropout). Changes nothing in the network; allocates nothing.");
            }
            if (batchNote is not null) w.Line("/// " + batchNote);
            w.Line("/// </summary>");
            w.Line($"/// <param name=\"input\">{s.Input}</param>");
            w.Line(withInput ? $"/// <param name=\"outputGradient\">{s.OutputGradient}.</param>" : $"/// <param name=\"outputGradient\">{s.OutputGradient}, for any L of yours.</param>");
            w.Line(withInput
                ? "/// <param name=\"parameterGradient\">The <see cref=\"ParameterCount\"/> values ∂L/∂θ is added to.</param>"
                : "/// <param name=\"parameterGradient\">The <see cref=\"ParameterCount\"/> values ∂L/∂θ is added to, in <see cref=\"Parameters\"/> order.</param>");
            if (withInput) w.Line($"/// <param name=\"inputGradient\">Receives {s.InputGradient}.</param>");
            w.Line(throws);
            using (w.Block($"public void Backward({ReadOnlySpan} input, {ReadOnlySpan} outputGradient, {Span} parameterGradient{(withInput ? $", {Span} inputGradient" : "")})"))
            {
                w.Line($"{Args}.CheckLength(input.Length, {s.InputLength}, nameof(input));");
                w.Line($"{Args}.CheckLength(outputGradient.Length, {s.OutputLength}, nameof(outputGradient));");
                w.Line($"{Args}.CheckLength(parameterGradient.Length, ParameterCount, nameof(parameterGradient));");
                if (withInput)
                {
                    w.Line($"{Args}.CheckLength(inputGradient.Length, {s.InputLength}, nameof(inputGradient));");
                    backwardInput(w, "input", "outputGradient", "parameterGradient", "inputGradient");
                }
                else
                {
                    backward(w, "input", "outputGradient", "parameterGradient");
                }
            }
        }
        // A batch, without then with ∂L/∂x.
        foreach (bool withInput in new[] { false, true })
        {
            w.Line();
            w.Line("/// <summary>");
            if (withInput)
            {
                w.Line("/// <see cref=\"Backward(global::System.ReadOnlySpan{float}, global::System.ReadOnlySpan{float}, global::System.Span{float}, global::System.Span{float})\"/> for every row");
                w.Line("/// of a batch: adds the sum over the rows to <paramref name=\"parameterGradient\"/> and writes each row's ∂L/∂x to <paramref name=\"inputGradients\"/>. Allocates nothing.");
            }
            else
            {
                w.Line("/// <see cref=\"Backward(global::System.ReadOnlySpan{float}, global::System.ReadOnlySpan{float}, global::System.Span{float})\"/> for every row of a batch:");
                w.Line("/// adds the sum over the rows of the vector–Jacobian products to <paramref name=\"parameterGradient\"/> (not divided by n). Allocates nothing.");
            }
            if (batchNote is not null) w.Line("/// " + batchNote);
            w.Line("/// </summary>");
            w.Line($"/// <param name=\"inputs\">Row-major <c>[{s.Rows}, InputSize]</c> features (n may be 0).</param>");
            w.Line($"/// <param name=\"outputGradients\">Row-major <c>[{s.Rows}, OutputSize]</c> values ∂L/∂y.</param>");
            w.Line("/// <param name=\"parameterGradient\">The <see cref=\"ParameterCount\"/> values the sum is added to.</param>");
            if (withInput) w.Line($"/// <param name=\"inputGradients\">Receives row-major <c>[{s.Rows}, InputSize]</c> values ∂L/∂x.</param>");
            w.Line(throws);
            using (w.Block($"public void BackwardBatch({ReadOnlySpan} inputs, {ReadOnlySpan} outputGradients, {Span} parameterGradient{(withInput ? $", {Span} inputGradients" : "")})"))
            {
                w.Line($"int n = {Args}.CheckBatch(inputs.Length, {s.InputLength}, nameof(inputs), outputGradients.Length, {s.OutputLength}, nameof(outputGradients), allowEmpty: true);");
                w.Line($"{Args}.CheckLength(parameterGradient.Length, ParameterCount, nameof(parameterGradient));");
                if (withInput) w.Line($"{Args}.CheckLength(inputGradients.Length, n * {s.InputLength}, nameof(inputGradients));");
                void Call(string x, string dy, string dx)
                {
                    if (withInput) backwardInput(w, x, dy, "parameterGradient", dx);
                    else backward(w, x, dy, "parameterGradient");
                }
                if (!batchLoop)
                {
                    Call("inputs", "outputGradients", "inputGradients");
                    continue;
                }
                batchFirst?.Invoke(w, withInput);
                using (w.Block("for (int i = 0; i < n; i++)"))
                {
                    Call(row, dyRow, $"inputGradients.Slice(i * {s.InputLength}, {s.InputLength})");
                }
            }
        }
    }

    /// <summary><c>InputGradient</c>: the built-in loss's gradient with respect to one sample's input (<paramref name="shape"/>: what a sample is).</summary>
    internal static void WriteInputGradient(IndentedWriter w, NetworkSpec spec, Action<IndentedWriter, string, string, string> body, string? note = null, OwnLossShape? shape = null)
    {
        var s = shape ?? OwnLossShape.Sample;
        w.Line();
        w.Line("/// <summary>");
        w.Line($"/// Computes the loss ({spec.Loss}) of one sample (no dropout) and writes its gradient with respect to the");
        w.Line("/// input, ∂L/∂x, to <paramref name=\"inputGradient\"/> (adversarial examples, saliency). Changes no parameter; allocates nothing.");
        if (note is not null) w.Line("/// " + note);
        w.Line("/// </summary>");
        w.Line($"/// <param name=\"input\">{s.Input}</param>");
        w.Line($"/// <param name=\"target\">{s.Target}</param>");
        w.Line($"/// <param name=\"inputGradient\">Receives {s.InputGradient}.</param>");
        w.Line("/// <returns>The sample's loss.</returns>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">A span does not have the expected length.</exception>");
        WriteTargetDoc(w, spec);
        using (w.Block($"public float InputGradient({ReadOnlySpan} input, {ReadOnlySpan} target, {Span} inputGradient)"))
        {
            w.Line($"{Args}.CheckLength(input.Length, {s.InputLength}, nameof(input));");
            w.Line($"{Args}.CheckLength(target.Length, {s.TargetLength}, nameof(target));");
            WriteTargetCheck(w, spec, "target");
            w.Line($"{Args}.CheckLength(inputGradient.Length, {s.InputLength}, nameof(inputGradient));");
            body(w, "input", "target", "inputGradient");
        }
    }

    /// <summary><c>ApplyGradient</c>: the training members' own optimizer step on a gradient the caller computed.</summary>
    internal static void WriteApplyGradient(IndentedWriter w)
    {
        w.Line();
        w.Line("/// <summary>");
        w.Line("/// Does one optimizer step with <paramref name=\"gradient\"/> (∂L/∂θ of your loss, in <see cref=\"Parameters\"/> order): the step");
        w.Line("/// <see cref=\"TrainStep\"/> and <see cref=\"TrainBatch\"/> end in, with the same learning rate, momentum, Adam moments and step count.");
        w.Line("/// Allocates nothing; not thread-safe.");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"gradient\">The <see cref=\"ParameterCount\"/> partial derivatives to descend along.</param>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\"><paramref name=\"gradient\"/> does not have length <see cref=\"ParameterCount\"/>.</exception>");
        using (w.Block($"public void ApplyGradient({ReadOnlySpan} gradient)"))
        {
            w.Line($"{Args}.CheckLength(gradient.Length, ParameterCount, nameof(gradient));");
            w.Line("gradient.CopyTo(_netgenGradient);");
            w.Line("NetGenApplyOptimizerStep();");
        }
    }

    /// <summary>
    /// The optimizer step every training member ends in (<c>NetGenApplyOptimizerStep</c>): the gradient clipped by its global
    /// norm first when <c>ClipGradientNorm</c> is set (as <c>torch.nn.utils.clip_grad_norm_</c> before <c>optimizer.step()</c>),
    /// then the optimizer's update, with weight decay where <c>WeightDecay</c> is not 0.
    /// </summary>
    internal static void WriteOptimizerStep(IndentedWriter w, NetworkSpec spec)
    {
        const string Steps = "global::NetGen.Runtime.OptimizerSteps";
        string module = spec.Optimizer switch
        {
            OptimizerKind.Adam => "torch.optim.Adam",
            OptimizerKind.AdamW => "torch.optim.AdamW",
            _ => "torch.optim.SGD",
        };
        string decay = spec.WeightDecay != 0f ? $" (weight_decay={F(spec.WeightDecay).TrimEnd('f')})" : "";
        w.Line();
        w.Comment("One optimizer step with the gradient in _netgenGradient, as " + module + decay + " does it"
            + (spec.ClipGradientNorm != 0f ? $", after torch.nn.utils.clip_grad_norm_(parameters, {F(spec.ClipGradientNorm).TrimEnd('f')})." : "."));
        using (w.Block("private void NetGenApplyOptimizerStep()"))
        {
            w.Line("_netgenStep++;");
            if (spec.ClipGradientNorm != 0f)
                w.Line($"{Steps}.ClipGradientNorm(_netgenGradient, {F(spec.ClipGradientNorm)});");
            string wd = spec.WeightDecay != 0f ? ", " + F(spec.WeightDecay) : "";
            if (spec.Optimizer == OptimizerKind.AdamW)
            {
                w.Line($"{Steps}.AdamW(_netgenParameters, _netgenGradient, _netgenAdamM, _netgenAdamV, _netgenLearningRate, {F(spec.Beta1)}, {F(spec.Beta2)}, {F(spec.Epsilon)}, {F(spec.WeightDecay)}, _netgenStep);");
            }
            else if (spec.Optimizer == OptimizerKind.Adam)
            {
                string adam = spec.Deterministic && wd.Length == 0 ? "AdamDeterministic" : "Adam";
                w.Line($"{Steps}.{adam}(_netgenParameters, _netgenGradient, _netgenAdamM, _netgenAdamV, _netgenLearningRate, {F(spec.Beta1)}, {F(spec.Beta2)}, {F(spec.Epsilon)}, _netgenStep{wd});");
            }
            else if (UsesMomentum(spec))
            {
                w.Line($"{Steps}.SgdMomentum(_netgenParameters, _netgenGradient, _netgenVelocity, _netgenLearningRate, {F(spec.Momentum)}, _netgenStep{wd});");
            }
            else
            {
                w.Line($"{Steps}.Sgd(_netgenParameters, _netgenGradient, _netgenLearningRate{wd});");
            }
            w.Line("NetGenParametersWritten();");
        }
    }

    /// <summary>
    /// Cross-entropy losses need probabilities as targets (PyTorch's BCELoss checks this too; CrossEntropyLoss with a target
    /// of −5 would give a negative loss): one comparison per target value, nothing measurable next to the forward pass.
    /// </summary>
    internal static void WriteTargetCheck(IndentedWriter w, NetworkSpec spec, string name)
    {
        if (TakesProbabilities(spec))
            w.Line($"{Args}.CheckProbabilities({name}, OutputSize, nameof({name}));");
    }

    private static bool TakesProbabilities(NetworkSpec spec) => spec.Loss is LossKind.CrossEntropy or LossKind.BinaryCrossEntropy;

    internal static void WriteTargetDoc(IndentedWriter w, NetworkSpec spec)
    {
        if (TakesProbabilities(spec))
            w.Line("/// <exception cref=\"global::System.ArgumentOutOfRangeException\">A target is not a probability in [0, 1] (NaN included).</exception>");
    }

    internal static void WritePersistence(IndentedWriter w, NetworkSpec spec)
    {
        DropoutEmitter.WriteDrawMask(w, spec);
        w.Line();
        w.Line("/// <summary>");
        w.Line("/// Writes the network to <paramref name=\"stream\"/> in NetGen's versioned format: header (magic, format version, layout");
        w.Line(spec.IsSequence
            ? "/// fingerprint), parameters, optimizer state (learning rate, step count, momentum, Adam moments), the streaming state and a CRC-32."
            : spec.StatisticsSize > 0
            ? "/// fingerprint), parameters, optimizer state (learning rate, step count, momentum, Adam moments), the BatchNorm running statistics and a CRC-32."
            : "/// fingerprint), parameters, optimizer state (learning rate, step count, momentum, Adam moments) and a CRC-32.");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"stream\">A writable stream; the file is written with one call.</param>");
        w.Line("/// <exception cref=\"global::System.ArgumentNullException\"><paramref name=\"stream\"/> is null.</exception>");
        using (w.Block("public void Save(global::System.IO.Stream stream)"))
        {
            string state = spec.IsSequence ? ", _netgenState" : spec.StatisticsSize > 0 ? ", _netgenStatistics" : "";
            w.Line(spec.Trainable
                ? $"global::NetGen.Runtime.NetworkFile.Write(stream, LayoutFingerprint, _netgenParameters, _netgenLearningRate, _netgenStep, _netgenVelocity, _netgenAdamM, _netgenAdamV, {DropoutEmitter.SavedState(spec)}{state});"
                : $"global::NetGen.Runtime.NetworkFile.Write(stream, LayoutFingerprint, _netgenParameters, {F(spec.LearningRate)}, 0L, global::System.Array.Empty<float>(), global::System.Array.Empty<float>(), global::System.Array.Empty<float>(), 0UL{state});");
        }
        w.Line();
        w.Line($"/// <summary>Reads a network written by <see cref=\"Save(global::System.IO.Stream)\"/> for this same layout. Everything is checked before the instance is created.</summary>");
        w.Line("/// <param name=\"stream\">A readable stream positioned at the start of the file.</param>");
        w.Line("/// <returns>A new network with the saved parameters, learning rate, optimizer state and dropout generator.</returns>");
        w.Line("/// <exception cref=\"global::System.ArgumentNullException\"><paramref name=\"stream\"/> is null.</exception>");
        w.Line("/// <exception cref=\"global::System.IO.InvalidDataException\">The data is not a NetGen file, is for another layout or optimizer, or is corrupted.</exception>");
        w.Line("/// <exception cref=\"global::System.IO.EndOfStreamException\">The stream ends before the file does.</exception>");
        w.Line($"public static {spec.ClassName} Load(global::System.IO.Stream stream) => new {spec.ClassName}(NetGenReadFile(stream));");
        FileOverloadsEmitter.WriteSave(w, "Save", "the network (the <c>Save</c> format)");
        FileOverloadsEmitter.WriteLoad(w, spec.ClassName);
        w.Line();
        w.Line("/// <summary>");
        w.Line("/// Restores this network from a file written by <see cref=\"Save(global::System.IO.Stream)\"/> for this same layout: parameters, learning rate,");
        w.Line("/// optimizer state and dropout generator, as <see cref=\"Load(global::System.IO.Stream)\"/> would create them. The whole file is checked before anything is written,");
        w.Line("/// so a bad file leaves the network unchanged. Not thread-safe: do not call it while another thread runs a member.");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"stream\">A readable stream positioned at the start of the file.</param>");
        w.Line("/// <exception cref=\"global::System.ArgumentNullException\"><paramref name=\"stream\"/> is null.</exception>");
        w.Line("/// <exception cref=\"global::System.IO.InvalidDataException\">The data is not a NetGen file, is for another layout or optimizer, or is corrupted.</exception>");
        w.Line("/// <exception cref=\"global::System.IO.EndOfStreamException\">The stream ends before the file does.</exception>");
        w.Line("public void Restore(global::System.IO.Stream stream) => NetGenRestore(NetGenReadFile(stream));");
        w.Line();
        w.Comment("Reads and checks a whole Save file (format, layout, this network's optimizer, CRC) before anything uses it.");
        using (w.Block("private static global::NetGen.Runtime.NetworkFileContents NetGenReadFile(global::System.IO.Stream stream)"))
        {
            string momentum = spec.Trainable && UsesMomentum(spec) ? "ParameterCount" : "0";
            string adam = spec.Trainable && spec.UsesAdamMoments ? "ParameterCount" : "0";
            w.Comment("The optimizer sections must be this network's (checked before they are allocated).");
            string state = spec.IsSequence ? ", streamingStateLength: StateSize" : spec.StatisticsSize > 0 ? ", streamingStateLength: RunningStatisticsSize" : "";
            w.Line($"return global::NetGen.Runtime.NetworkFile.Read(stream, LayoutFingerprint, ParameterCount, momentumLength: {momentum}, adamLength: {adam}{state});");
        }
        w.Line();
        w.Comment("Copies checked file contents into this instance (Load's constructor and Restore).");
        using (w.Block("private void NetGenRestore(global::NetGen.Runtime.NetworkFileContents contents)"))
        {
            w.Line("global::System.Array.Copy(contents.Parameters, _netgenParameters, ParameterCount);");
            if (spec.Trainable)
            {
                w.Line("global::System.Array.Copy(contents.Momentum, _netgenVelocity, _netgenVelocity.Length);");
                w.Line("global::System.Array.Copy(contents.AdamM, _netgenAdamM, _netgenAdamM.Length);");
                w.Line("global::System.Array.Copy(contents.AdamV, _netgenAdamV, _netgenAdamV.Length);");
                w.Line("_netgenStep = contents.Step;");
                w.Line("_netgenLearningRate = contents.LearningRate;");
            }
            DropoutEmitter.WriteRestore(w, spec);
            if (spec.IsSequence) w.Line("global::System.Array.Copy(contents.StreamingState, _netgenState, StateSize);");
            if (spec.StatisticsSize > 0) w.Line("global::System.Array.Copy(contents.StreamingState, _netgenStatistics, RunningStatisticsSize);");
            w.Line("NetGenParametersWritten();");
        }
    }
}
