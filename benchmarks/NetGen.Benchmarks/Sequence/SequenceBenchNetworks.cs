namespace NetGen.Benchmarks.Sequence;

// The issue-16 networks. Streaming (inference-only, as a shipped audio plug-in or agent runs them):
/// <summary>GRU 16 → 16 (RTNeural's GRU benchmark size).</summary>
[Network(Loss.MeanSquaredError, Trainable = false)]
[Input(16)]
[Gru(16)]
public partial class Gru16Step { }

/// <summary>LSTM 16 → 16.</summary>
[Network(Loss.MeanSquaredError, Trainable = false)]
[Input(16)]
[Lstm(16)]
public partial class Lstm16Step { }

/// <summary>GRU 64 → 64.</summary>
[Network(Loss.MeanSquaredError, Trainable = false)]
[Input(64)]
[Gru(64)]
public partial class Gru64Step { }

/// <summary>The small audio model: Dense 1→8, CausalConv1D 8→4 kernel 3 dilation 2, GRU 4→8, Dense 8→1.</summary>
[Network(Loss.MeanSquaredError, Trainable = false)]
[Input(1)]
[Dense(8, Activation.Tanh)]
[CausalConv1D(4, 3, 2)]
[Gru(8)]
[Dense(1)]
public partial class AudioStep { }

// Trained through time (BPTT over the window), Adam:
/// <summary>GRU 16 with a Dense head, trained on windows of 16 steps.</summary>
[Network(Loss.MeanSquaredError, Optimizer = Optimizer.Adam, SequenceLength = 16)]
[Input(16)]
[Gru(16)]
[Dense(1)]
public partial class GruTrain16 { }

/// <summary>GRU 16 with a Dense head, trained on windows of 32 steps.</summary>
[Network(Loss.MeanSquaredError, Optimizer = Optimizer.Adam, SequenceLength = 32)]
[Input(16)]
[Gru(16)]
[Dense(1)]
public partial class GruTrain32 { }

/// <summary>The audio model trained on windows of 16 steps.</summary>
[Network(Loss.MeanSquaredError, Optimizer = Optimizer.Adam, SequenceLength = 16)]
[Input(1)]
[Dense(8, Activation.Tanh)]
[CausalConv1D(4, 3, 2)]
[Gru(8)]
[Dense(1)]
public partial class AudioTrain16 { }

/// <summary>The audio model trained on windows of 32 steps.</summary>
[Network(Loss.MeanSquaredError, Optimizer = Optimizer.Adam, SequenceLength = 32)]
[Input(1)]
[Dense(8, Activation.Tanh)]
[CausalConv1D(4, 3, 2)]
[Gru(8)]
[Dense(1)]
public partial class AudioTrain32 { }
