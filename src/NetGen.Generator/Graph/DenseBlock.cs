namespace NetGen.Generator.Graph;

/// <summary>Where a Dense layer's weights (<c>[Rows, Columns]</c> row-major) and biases sit in the parameter vector.</summary>
internal sealed record DenseBlock(int WeightOffset, int BiasOffset, int Rows, int Columns);
