// ---- scalar
/// <summary>Dense(1, GeluTanh) gradient, scalar.</summary>
private static float NetGenGradientKernel(
    global::System.ReadOnlySpan<float> p,
    global::System.ReadOnlySpan<float> x,
    global::System.ReadOnlySpan<float> t,
    global::System.Span<float> g)
{
    // Layer 1: Dense(1, GeluTanh) ← Input(1), neuron 0: z1[0] = b1[0] + Σi w1[0,i]·a0[i]
    float z1_0 = p[1] + p[0] * x[0];
    // Layer 1: a1[0] = GeluTanh(z1[0])
    float a1_0 = global::NetGen.Runtime.ScalarMath.GeluTanh(z1_0);
    // Loss (MeanSquaredError): error e[0] = y[0] − t[0]
    float e_0 = a1_0 - t[0];
    // Loss: MeanSquaredError, mean over 1 output(s) (nn.MSELoss)
    float loss = e_0 * e_0;
    // ∂L/∂e[0] = 2·e[0]   (1 path)
    float de_0 = 2f * e_0;
    // ∂L/∂z1[0] = ∂L/∂e[0]·gelu_tanh'(z1[0])   (1 path)
    float dz1_0 = de_0 * global::NetGen.Runtime.ScalarMath.GeluTanhDerivative(z1_0);
    g[0] += dz1_0 * x[0];   // ∂L/∂w1[0,0]
    g[1] += dz1_0;   // ∂L/∂b1[0]
    return loss;
}
// ---- lanes
/// <summary>Dense(1, GeluTanh) gradient, lanes.</summary>
private static NetGenLanes NetGenGradientLanes(
    global::System.ReadOnlySpan<float> p,
    global::System.ReadOnlySpan<NetGenLanes> x,
    global::System.ReadOnlySpan<NetGenLanes> t,
    global::System.Span<NetGenLanes> g)
{
    // Layer 1: Dense(1, GeluTanh) ← Input(1) (per neuron: see the scalar kernel)
    NetGenLanes z1_0 = NetGenVector.Create(p[1]);
    z1_0 = NetGenVector.MultiplyAddEstimate(NetGenVector.Create(p[0]), x[0], z1_0);
    NetGenLanes a1_0 = NetGenVectorMath.GeluTanh(z1_0);
    // Loss (MeanSquaredError): error e[0] = y[0] − t[0]
    NetGenLanes e_0 = a1_0 - t[0];
    // Loss: MeanSquaredError, mean over 1 output(s) (nn.MSELoss)
    NetGenLanes loss = e_0 * e_0;
    // Backward pass: each adjoint ∂L/∂… is the sum of its paths (the chain-rule terms: see the scalar kernel)
    NetGenLanes de_0 = NetGenVector.Create(2f) * e_0;
    NetGenLanes dz1_0 = de_0 * NetGenVectorMath.GeluTanhDerivative(z1_0);
    g[0] += dz1_0 * x[0];
    g[1] += dz1_0;
    return loss;
}
// ---- ILGPU
/// <summary>Dense(1, GeluTanh) gradient, ILGPU.</summary>
private static float NetGenGpuGradient(
    global::ILGPU.ArrayView<float> p,
    global::ILGPU.ArrayView<float> x,
    global::ILGPU.ArrayView<float> t,
    global::ILGPU.ArrayView<float> g,
    global::ILGPU.ArrayView<float> s,
    int go,
    int gs,
    int so,
    int ss)
{
    // Layer 1: Dense(1, GeluTanh) ← Input(1) (per neuron: see the scalar kernel)
    float z1_0 = p[1] + p[0] * x[0];
    float a1_0 = global::NetGen.Runtime.ScalarMath.GeluTanh(z1_0);
    // Loss (MeanSquaredError): error e[0] = y[0] − t[0]
    float e_0 = a1_0 - t[0];
    // Loss: MeanSquaredError, mean over 1 output(s) (nn.MSELoss)
    float loss = e_0 * e_0;
    // Backward pass: each adjoint ∂L/∂… is the sum of its paths (the chain-rule terms: see the scalar kernel)
    float de_0 = 2f * e_0;
    float dz1_0 = de_0 * global::NetGen.Runtime.ScalarMath.GeluTanhDerivative(z1_0);
    g[go] += dz1_0 * x[0];
    g[go + 1 * gs] += dz1_0;
    return loss;
}
