namespace NetGen.Generator.Diagnostics;

/// <summary>Bounds that keep generation fast and the generated code within the JIT's and the stack's comfort zone.</summary>
internal static class NetworkLimits
{
    /// <summary>Default <c>UnrollLimit</c>: multiply-adds of one layer up to which the layer is straight-line code.</summary>
    public const int DefaultUnrollLimit = 1024;

    /// <summary>Largest accepted <c>UnrollLimit</c> (bigger values would make the IDE build enormous graphs).</summary>
    public const int MaxUnrollLimit = 65536;

    /// <summary>Widest accepted layer or input (scratch vectors live on the stack).</summary>
    public const int MaxLayerWidth = 16384;

    /// <summary>Straight-line multiply-adds past which the generated code is reported as very large (NG0020).</summary>
    public const long LargeCodeMultiplyAdds = 16384;

    /// <summary>Straight-line multiply-adds past which layers are emitted as loops whatever UnrollLimit says (keeps the IDE responsive).</summary>
    public const long MaxUnrolledMultiplyAdds = 65536;

    /// <summary>Widest input or output for which lane (SIMD) code is emitted (its buffers live on the stack).</summary>
    public const int MaxSimdVectorWidth = 2048;

    /// <summary>Largest accepted parameter count.</summary>
    public const long MaxParameterCount = 100_000_000;

    /// <summary>The longest training window (<c>SequenceLength</c>): per sequence the states of every step are kept (T · state values).</summary>
    public const int MaxSequenceLength = 65536;

    /// <summary>The longest receptive field of a causal convolution, (kernelSize − 1)·dilation steps (its state holds that many steps).</summary>
    public const int MaxReceptiveField = 4096;

    /// <summary>The most values one step's stack buffers hold (inputs and state): a step copies them to the stack.</summary>
    public const int MaxStepValues = 16384;

    /// <summary>The most floats of a sequence network's training buffers (the state before every step and every step's masks).</summary>
    public const long MaxSequenceBufferFloats = 16_777_216;

    /// <summary>Values one sample may hold across a layered network's input and layer outputs (convolution networks).</summary>
    public const long MaxLayeredValues = 4_194_304;

    /// <summary>Largest kernel, stride, padding or dilation of a convolution or pooling layer.</summary>
    public const int MaxKernelArgument = 4096;
}
