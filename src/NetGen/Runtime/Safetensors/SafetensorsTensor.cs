using System;
using System.ComponentModel;

namespace NetGen.Runtime
{
    /// <summary>
    /// One tensor of a network as the equivalent <c>torch.nn.Sequential</c> names it (for example <c>0.weight</c>,
    /// shape <c>[out, in]</c>), and where its values start in the network's parameters. Generated networks describe
    /// their tensors with it for <see cref="SafetensorsFile"/>. This type is infrastructure for generated code.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class SafetensorsTensor
    {
        private readonly int[] _shape;

        /// <summary>Describes one tensor.</summary>
        /// <param name="name">The tensor's name, for example <c>0.weight</c>.</param>
        /// <param name="offset">Index of its first value in the parameters; values follow row-major.</param>
        /// <param name="shape">Its dimensions, each positive.</param>
        /// <exception cref="ArgumentNullException"><paramref name="name"/> or <paramref name="shape"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="offset"/> is negative or a dimension is not positive.</exception>
        public SafetensorsTensor(string name, int offset, params int[] shape)
            : this(name, offset, false, shape)
        {
        }

        /// <summary>Describes one tensor, written as I64 when <paramref name="integer"/> (a BatchNorm's <c>num_batches_tracked</c>).</summary>
        /// <param name="name">The tensor's name, for example <c>1.num_batches_tracked</c>.</param>
        /// <param name="offset">Index of its first value in the values; values follow row-major.</param>
        /// <param name="integer">True for a tensor PyTorch stores as I64 (read from any supported dtype, written as I64).</param>
        /// <param name="shape">Its dimensions, each positive (none for a scalar).</param>
        /// <exception cref="ArgumentNullException"><paramref name="name"/> or <paramref name="shape"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="offset"/> is negative or a dimension is not positive.</exception>
        public SafetensorsTensor(string name, int offset, bool integer, params int[] shape)
        {
            Integer = integer;
            Name = name ?? throw new ArgumentNullException(nameof(name));
            if (shape is null) throw new ArgumentNullException(nameof(shape));
            if (offset < 0) throw new ArgumentOutOfRangeException(nameof(offset), offset, "The offset must not be negative.");
            long count = 1;
            foreach (int d in shape)
            {
                if (d <= 0) throw new ArgumentOutOfRangeException(nameof(shape), d, "Every dimension must be positive.");
                count *= d;
            }
            Offset = offset;
            Count = checked((int)count);
            _shape = (int[])shape.Clone();
        }

        /// <summary>Gets whether the tensor is written as I64.</summary>
        public bool Integer { get; }

        /// <summary>Gets the tensor's name.</summary>
        public string Name { get; }

        /// <summary>Gets the index of its first value in the parameters.</summary>
        public int Offset { get; }

        /// <summary>Gets the number of values (the product of the dimensions).</summary>
        public int Count { get; }

        /// <summary>Gets its dimensions.</summary>
        public ReadOnlySpan<int> Shape => _shape;

        internal int[] ShapeArray => _shape;
    }
}
