using NetGen;

namespace NetGen.Benchmarks;

// Net B (8 → 16 tanh → 16 tanh → 4; layers of 128, 256 and 64 multiply-adds) and net C (32 → 64 relu → 64 relu → 8;
// 2048, 4096 and 512), each generated with several unroll budgets to measure where straight-line code stops paying.

[Network(Loss.MeanSquaredError, UnrollLimit = 0)]
[Input(8)] [Dense(16, Activation.Tanh)] [Dense(16, Activation.Tanh)] [Dense(4)]
public partial class NetBLoops { }

[Network(Loss.MeanSquaredError, UnrollLimit = 1024)]
[Input(8)] [Dense(16, Activation.Tanh)] [Dense(16, Activation.Tanh)] [Dense(4)]
public partial class NetBUnrolled { }

[Network(Loss.MeanSquaredError, UnrollLimit = 0)]
[Input(32)] [Dense(64, Activation.Relu)] [Dense(64, Activation.Relu)] [Dense(8)]
public partial class NetCLoops { }

[Network(Loss.MeanSquaredError, UnrollLimit = 1024)]
[Input(32)] [Dense(64, Activation.Relu)] [Dense(64, Activation.Relu)] [Dense(8)]
public partial class NetCUnroll1024 { }

[Network(Loss.MeanSquaredError, UnrollLimit = 4096)]
[Input(32)] [Dense(64, Activation.Relu)] [Dense(64, Activation.Relu)] [Dense(8)]
public partial class NetCUnroll4096 { }
