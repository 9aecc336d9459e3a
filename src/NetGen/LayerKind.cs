namespace NetGen;

/// <summary>The kind of one layer in <see cref="IInferenceNetwork.Layers"/>.</summary>
/// <remarks>The numeric values are part of the public contract; new kinds get new numbers.</remarks>
public enum LayerKind
{
    /// <summary>
    /// A fully connected layer (<c>[Dense]</c>, PyTorch <c>nn.Linear</c> and its activation): y = f(W·x + b), weights
    /// <c>[OutputSize, InputSize]</c> row-major then <c>OutputSize</c> biases.
    /// </summary>
    Dense = 0,

    /// <summary>
    /// Inverted dropout (<c>[Dropout]</c>, PyTorch <c>nn.Dropout</c>): in training each value is zeroed with probability
    /// <see cref="LayerDescription.DropoutProbability"/> and the others scaled by 1/(1−p); the identity at inference. No parameters.
    /// </summary>
    Dropout = 1,

    /// <summary>A GRU (<c>[Gru]</c>, PyTorch <c>nn.GRU</c>): <c>weight_ih</c>, <c>weight_hh</c>, <c>bias_ih</c>, <c>bias_hh</c> in that order.</summary>
    Gru = 2,

    /// <summary>An LSTM (<c>[Lstm]</c>, PyTorch <c>nn.LSTM</c>): <c>weight_ih</c>, <c>weight_hh</c>, <c>bias_ih</c>, <c>bias_hh</c> in that order.</summary>
    Lstm = 3,

    /// <summary>An Elman RNN (<c>[Rnn]</c>, PyTorch <c>nn.RNN</c>): <c>weight_ih</c>, <c>weight_hh</c>, <c>bias_ih</c>, <c>bias_hh</c> in that order.</summary>
    Rnn = 4,

    /// <summary>A causal convolution over time (<c>[CausalConv1D]</c>): weights <c>[out, in, kernel]</c>, then biases.</summary>
    CausalConv1D = 5,
    /// <summary>A 1-D convolution (<c>[Conv1D]</c>, PyTorch <c>nn.Conv1d</c>): weights <c>[out, in, kernel]</c>, then biases.</summary>
    Conv1D = 6,
    /// <summary>A 2-D convolution (<c>[Conv2D]</c>, PyTorch <c>nn.Conv2d</c>): weights <c>[out, in, kernel, kernel]</c>, then biases.</summary>
    Conv2D = 7,
    /// <summary>Max pooling (<c>[MaxPool1D]</c>/<c>[MaxPool2D]</c>). No parameters.</summary>
    MaxPool = 8,
    /// <summary>Average pooling (<c>[AvgPool1D]</c>/<c>[AvgPool2D]</c>). No parameters.</summary>
    AvgPool = 9,
    /// <summary>The mean of each channel (<c>[GlobalAvgPool]</c>). No parameters.</summary>
    GlobalAvgPool = 10,
    /// <summary>A shaped value read as one row (<c>[Flatten]</c>). No parameters.</summary>
    Flatten = 11,
    /// <summary>Layer normalisation (<c>[LayerNorm]</c>, PyTorch <c>nn.LayerNorm</c>): weight, then bias, each shaped as the input.</summary>
    LayerNorm = 12,
    /// <summary>Batch normalisation (<c>[BatchNorm]</c>, PyTorch <c>nn.BatchNorm1d/2d</c>): weight, then bias, one per feature or channel.</summary>
    BatchNorm = 13,
}
