    // ---------------------------------------------------------------- ILGPU (the project references ILGPU and NetGen.Ilgpu)

    /// <summary>Forward pass of one sample on the device: <c>y = f(x)</c>. Printed from the same schedule as the scalar kernel; scratch values live in <c>s[so + i·ss]</c>.</summary>
    private static void NetGenGpuForward(
        global::ILGPU.ArrayView<float> p,
        global::ILGPU.ArrayView<float> x,
        global::ILGPU.ArrayView<float> y,
        global::ILGPU.ArrayView<float> s,
        int so,
        int ss)
    {
        // Layer 1: Dense(4, Tanh) ← Input(3) (per neuron: see the scalar kernel)
        float z1_0 = p[12] + p[0] * x[0] + p[1] * x[1] + p[2] * x[2];
        float z1_1 = p[13] + p[3] * x[0] + p[4] * x[1] + p[5] * x[2];
        float z1_2 = p[14] + p[6] * x[0] + p[7] * x[1] + p[8] * x[2];
        float z1_3 = p[15] + p[9] * x[0] + p[10] * x[1] + p[11] * x[2];
        float a1_0 = global::System.MathF.Tanh(z1_0);
        float a1_1 = global::System.MathF.Tanh(z1_1);
        float a1_2 = global::System.MathF.Tanh(z1_2);
        float a1_3 = global::System.MathF.Tanh(z1_3);
        // Layer 2: Dense(1, Sigmoid) ← layer 1 (per neuron: see the scalar kernel)
        float z2_0 = p[20] + p[16] * a1_0 + p[17] * a1_1 + p[18] * a1_2 + p[19] * a1_3;
        float a2_0 = 1f / (1f + global::System.MathF.Exp(-z2_0));
        y[0] = a2_0;
    }

    /// <summary>Loss of one sample on the device; adds its gradient <c>∂L/∂p</c> to the thread's gradient slot <c>g[go + i·gs]</c> (dropout mask <c>m</c>, drawn on the host). Printed from the same schedule as the scalar kernel; scratch values live in <c>s[so + i·ss]</c>.</summary>
    private static float NetGenGpuGradient(
        global::ILGPU.ArrayView<float> p,
        global::ILGPU.ArrayView<float> x,
        global::ILGPU.ArrayView<float> t,
        global::ILGPU.ArrayView<float> m,
        global::ILGPU.ArrayView<float> g,
        global::ILGPU.ArrayView<float> s,
        int go,
        int gs,
        int so,
        int ss)
    {
        // Layer 1: Dense(4, Tanh) ← Input(3) (per neuron: see the scalar kernel)
        float z1_0 = p[12] + p[0] * x[0] + p[1] * x[1] + p[2] * x[2];
        float z1_1 = p[13] + p[3] * x[0] + p[4] * x[1] + p[5] * x[2];
        float z1_2 = p[14] + p[6] * x[0] + p[7] * x[1] + p[8] * x[2];
        float z1_3 = p[15] + p[9] * x[0] + p[10] * x[1] + p[11] * x[2];
        float a1_0 = global::System.MathF.Tanh(z1_0);
        float a1_1 = global::System.MathF.Tanh(z1_1);
        float a1_2 = global::System.MathF.Tanh(z1_2);
        float a1_3 = global::System.MathF.Tanh(z1_3);
        // Dropout(0.25) after layer 1: d1[j] = a1[j]·m[0 + j], m ∈ {0, 1/(1−p)} drawn per sample
        float d1_0 = a1_0 * m[0];
        float d1_1 = a1_1 * m[1];
        float d1_2 = a1_2 * m[2];
        float d1_3 = a1_3 * m[3];
        // Layer 2: Dense(1, Sigmoid) ← layer 1 (per neuron: see the scalar kernel)
        float z2_0 = p[20] + p[16] * d1_0 + p[17] * d1_1 + p[18] * d1_2 + p[19] * d1_3;
        float a2_0 = 1f / (1f + global::System.MathF.Exp(-z2_0));
        // Loss: BinaryCrossEntropy, mean over 1 output(s) (nn.BCELoss, logs clamped at −100)
        float loss = global::NetGen.Runtime.ScalarMath.SigmoidBinaryCrossEntropy(z2_0, t[0]);
        // Backward pass: each adjoint ∂L/∂… is the sum of its paths (the chain-rule terms: see the scalar kernel)
        float dz2_0 = a2_0 - t[0];
        g[go + 16 * gs] += dz2_0 * d1_0;
        g[go + 17 * gs] += dz2_0 * d1_1;
        g[go + 18 * gs] += dz2_0 * d1_2;
        g[go + 19 * gs] += dz2_0 * d1_3;
        g[go + 20 * gs] += dz2_0;
        float dd1_3 = dz2_0 * p[19];
        float dd1_2 = dz2_0 * p[18];
        float dd1_1 = dz2_0 * p[17];
        float dd1_0 = dz2_0 * p[16];
        float da1_3 = dd1_3 * m[3];
        float da1_2 = dd1_2 * m[2];
        float da1_1 = dd1_1 * m[1];
        float da1_0 = dd1_0 * m[0];
        float dz1_3 = da1_3 * (1f - a1_3 * a1_3);
        g[go + 9 * gs] += dz1_3 * x[0];
        g[go + 10 * gs] += dz1_3 * x[1];
        g[go + 11 * gs] += dz1_3 * x[2];
        g[go + 15 * gs] += dz1_3;
        float dz1_2 = da1_2 * (1f - a1_2 * a1_2);
        g[go + 6 * gs] += dz1_2 * x[0];
        g[go + 7 * gs] += dz1_2 * x[1];
        g[go + 8 * gs] += dz1_2 * x[2];
        g[go + 14 * gs] += dz1_2;
        float dz1_1 = da1_1 * (1f - a1_1 * a1_1);
        g[go + 3 * gs] += dz1_1 * x[0];
        g[go + 4 * gs] += dz1_1 * x[1];
        g[go + 5 * gs] += dz1_1 * x[2];
        g[go + 13 * gs] += dz1_1;
        float dz1_0 = da1_0 * (1f - a1_0 * a1_0);
        g[go] += dz1_0 * x[0];
        g[go + 1 * gs] += dz1_0 * x[1];
        g[go + 2 * gs] += dz1_0 * x[2];
        g[go + 12 * gs] += dz1_0;
        return loss;
    }

    /// <summary>
    /// <see cref="SmallGpu"/> for NetGen.Ilgpu: its sizes, hyper-parameters and device functions (<c>INetworkGpuKernels</c>, which the generic
    /// kernels call; ILGPU specialises them per struct and inlines the calls) and where its state lives (<c>INetworkGpuHost</c>).
    /// Infrastructure of <see cref="GpuTrainer"/>; not meant to be used directly.
    /// </summary>
    [global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]
    public readonly struct NetGenGpuKernels : global::NetGen.Ilgpu.INetworkGpuKernels, global::NetGen.Ilgpu.INetworkGpuHost<SmallGpu>
    {
        /// <inheritdoc/>
        public int InputSize => SmallGpu.InputSize;
        /// <inheritdoc/>
        public int OutputSize => SmallGpu.OutputSize;
        /// <inheritdoc/>
        public int ParameterCount => SmallGpu.ParameterCount;
        /// <inheritdoc/>
        public int ScratchSize => 0;
        /// <inheritdoc/>
        public int ForwardScratchSize => 0;
        /// <inheritdoc/>
        public int MaskSize => 4;
        /// <inheritdoc/>
        public global::NetGen.Optimizer Optimizer => global::NetGen.Optimizer.Adam;
        /// <inheritdoc/>
        public float Momentum => 0f;
        /// <inheritdoc/>
        public float Beta1 => 0.9f;
        /// <inheritdoc/>
        public float Beta2 => 0.999f;
        /// <inheritdoc/>
        public float Epsilon => 1E-08f;

        /// <inheritdoc/>
        public void Forward(global::ILGPU.ArrayView<float> p, global::ILGPU.ArrayView<float> x, global::ILGPU.ArrayView<float> y, global::ILGPU.ArrayView<float> s, int so, int ss) => NetGenGpuForward(p, x, y, s, so, ss);
        /// <inheritdoc/>
        public float Gradient(global::ILGPU.ArrayView<float> p, global::ILGPU.ArrayView<float> x, global::ILGPU.ArrayView<float> t, global::ILGPU.ArrayView<float> m, global::ILGPU.ArrayView<float> g, global::ILGPU.ArrayView<float> s, int go, int gs, int so, int ss)
            => NetGenGpuGradient(p, x, t, m, g, s, go, gs, so, ss);

        /// <inheritdoc/>
        public global::System.ReadOnlySpan<float> ParametersOf(SmallGpu network) => network._netgenParameters;
        /// <inheritdoc/>
        public float LearningRateOf(SmallGpu network) => network._netgenLearningRate;
        /// <inheritdoc/>
        public long StepOf(SmallGpu network) => network._netgenStep;
        /// <inheritdoc/>
        public global::System.ReadOnlySpan<float> FirstMomentOf(SmallGpu network) => network._netgenAdamM;
        /// <inheritdoc/>
        public global::System.ReadOnlySpan<float> SecondMomentOf(SmallGpu network) => network._netgenAdamV;
        /// <inheritdoc/>
        public ulong DropoutStateOf(SmallGpu network) => network._netgenDropout.State;
        /// <inheritdoc/>
        public void DrawMask(ref global::NetGen.Runtime.DeterministicRandom random, global::System.Span<float> mask) => NetGenDrawMask(ref random, mask);
        /// <inheritdoc/>
        public void SetParameters(SmallGpu network, global::System.ReadOnlySpan<float> values) => network.SetParameters(values);
    }

    /// <summary>
    /// Trains and runs a <see cref="SmallGpu"/> on an ILGPU accelerator (CUDA, OpenCL or ILGPU's CPU accelerator) with device functions
    /// generated from the same derivation as the CPU code: NetGen.Ilgpu's <c>NetworkGpuTrainer</c> runs one thread per gradient slot,
    /// reduces the slots on the device in a fixed order (the same batch gives bit-identical parameters run to run) and runs the
    /// optimizer step on the device. Create the ILGPU context with <c>EnableAlgorithms()</c> (ILGPU.Algorithms) so that exp, log
    /// and tanh compile for CUDA and OpenCL. Not thread-safe.
    /// </summary>
    public sealed class GpuTrainer : global::NetGen.Ilgpu.NetworkGpuTrainer<SmallGpu, NetGenGpuKernels>
    {
        /// <summary>
        /// Copies the network's parameters, learning rate and optimizer state to the device, allocates the device buffers for
        /// batches of up to <paramref name="maxBatchSize"/> samples and loads the kernels, with the default number of gradient
        /// slots (<c>DefaultGradientSlots</c>).
        /// </summary>
        /// <param name="accelerator">The ILGPU accelerator to run on.</param>
        /// <param name="network">The network whose parameters and optimizer state the trainer starts from; it is not changed.</param>
        /// <param name="maxBatchSize">The largest batch <c>TrainBatch</c> and <c>PredictBatch</c> accept (at least 1).</param>
        /// <exception cref="global::System.ArgumentNullException"><paramref name="accelerator"/> or <paramref name="network"/> is null.</exception>
        /// <exception cref="global::System.ArgumentOutOfRangeException"><paramref name="maxBatchSize"/> is less than 1.</exception>
        /// <exception cref="global::System.InvalidOperationException">The kernels cannot be compiled for the accelerator (on CUDA and OpenCL: the context was created without <c>EnableAlgorithms()</c>).</exception>
        public GpuTrainer(global::ILGPU.Runtime.Accelerator accelerator, SmallGpu network, int maxBatchSize)
            : base(accelerator, network, maxBatchSize)
        {
        }

        /// <summary>As the three-argument constructor, with an explicit number of gradient slots (<c>ParameterCount</c> floats of device memory each).</summary>
        /// <param name="accelerator">The ILGPU accelerator to run on.</param>
        /// <param name="network">The network whose parameters and optimizer state the trainer starts from; it is not changed.</param>
        /// <param name="maxBatchSize">The largest batch <c>TrainBatch</c> and <c>PredictBatch</c> accept (at least 1).</param>
        /// <param name="gradientSlots">Threads (and gradient slots) of the gradient kernel, 1 to <paramref name="maxBatchSize"/>.</param>
        /// <exception cref="global::System.ArgumentNullException"><paramref name="accelerator"/> or <paramref name="network"/> is null.</exception>
        /// <exception cref="global::System.ArgumentOutOfRangeException"><paramref name="maxBatchSize"/> is less than 1, or <paramref name="gradientSlots"/> is outside 1 to <paramref name="maxBatchSize"/>.</exception>
        /// <exception cref="global::System.InvalidOperationException">The kernels cannot be compiled for the accelerator.</exception>
        public GpuTrainer(global::ILGPU.Runtime.Accelerator accelerator, SmallGpu network, int maxBatchSize, int gradientSlots)
            : base(accelerator, network, maxBatchSize, gradientSlots)
        {
        }
    }
}
