using System;

namespace NetGen.Runtime.Onnx
{
    /// <summary>
    /// One ONNX NodeProto before it is written: its operator, its input and output value names and its attributes
    /// (already encoded as AttributeProto fields). <see cref="OnnxGraphBuilder"/> keeps its nodes in this form so that the
    /// graph's last value can be written under the name <c>output</c>.
    /// </summary>
    internal sealed class OnnxNode
    {
        public OnnxNode(string name, string opType, string[] inputs, string output)
        {
            Name = name;
            OpType = opType;
            Inputs = inputs;
            Output = output;
        }

        /// <summary>The node's name (unique in the graph).</summary>
        public string Name { get; }

        /// <summary>The operator (default domain).</summary>
        public string OpType { get; }

        /// <summary>Input value names, in the operator's order (an empty name is an omitted optional input).</summary>
        public string[] Inputs { get; }

        /// <summary>The one output value the graph uses.</summary>
        public string Output { get; }

        /// <summary>AttributeProto messages, each written as field 5 of the node.</summary>
        public ProtoWriter Attributes { get; } = new ProtoWriter();

        /// <summary>Adds an INT attribute.</summary>
        public OnnxNode Int(string name, long value)
        {
            Attributes.Message(5, OnnxMessages.IntAttribute(name, value));
            return this;
        }

        /// <summary>Adds an INTS attribute (unpacked repeated int64, field 8).</summary>
        public OnnxNode Ints(string name, params long[] values)
        {
            Attributes.Message(5, OnnxMessages.IntsAttribute(name, values));
            return this;
        }

        /// <summary>Adds a FLOAT attribute.</summary>
        public OnnxNode Float(string name, float value)
        {
            Attributes.Message(5, OnnxMessages.FloatAttribute(name, value));
            return this;
        }

        /// <summary>Adds a STRINGS attribute.</summary>
        public OnnxNode Strings(string name, params string[] values)
        {
            Attributes.Message(5, OnnxMessages.StringsAttribute(name, values));
            return this;
        }

        /// <summary>The NodeProto, the value named <paramref name="graphOutput"/> written as <c>output</c>.</summary>
        public ProtoWriter Write(string graphOutput)
        {
            var node = new ProtoWriter();
            foreach (string input in Inputs) node.String(1, input);
            node.String(2, string.Equals(Output, graphOutput, StringComparison.Ordinal) ? OnnxGraphBuilder.OutputName : Output);
            node.String(3, Name);
            node.String(4, OpType);
            node.Append(Attributes);
            return node;
        }

    }
}
