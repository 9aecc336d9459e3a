using System;
using System.IO;
using NetGen.Runtime.Onnx;

namespace NetGen.Tests.Onnx;

/// <summary>The runtime's protobuf writer and ONNX graph builder on their own: wire bytes, size checks, layer order rules.</summary>
public sealed class OnnxGraphBuilderTests
{
    [Fact]
    public void ProtoWriter_WritesTheWireFormat()
    {
        var writer = new ProtoWriter();
        writer.Varint(1, 150);          // 08 96 01
        writer.String(2, "ab");         // 12 02 61 62
        writer.Fixed32(3, 1f);          // 1D 00 00 80 3F
        var inner = new ProtoWriter();
        inner.Varint(1, -1);            // 08 + ten bytes
        writer.Message(4, inner);       // 22 0B …
        Assert.Equal(new byte[]
        {
            0x08, 0x96, 0x01, 0x12, 0x02, 0x61, 0x62, 0x1D, 0x00, 0x00, 0x80, 0x3F,
            0x22, 0x0B, 0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01,
        }, writer.ToArray());
        Assert.Equal(writer.ToArray().Length, writer.Length);
    }

    [Fact]
    public void Builder_ChecksSizesAndShapes()
    {
        var onnx = new OnnxGraphBuilder("G", false, 3);
        Assert.Equal("weights", Assert.Throws<ArgumentException>(() => onnx.Dense("0.weight", "0.bias", 2, 3, new float[5], new float[2])).ParamName);
        Assert.Equal("inputs", Assert.Throws<ArgumentException>(() => onnx.Dense("0.weight", "0.bias", 2, 4, new float[8], new float[2])).ParamName);
        Assert.Throws<InvalidOperationException>(() => onnx.Conv2D("0.weight", "0.bias", 1, 3, 1, 1, 0, new float[3], new float[1]));
        Assert.Throws<InvalidOperationException>(() => onnx.Gru("0", 2, new float[3 * 2 * (3 + 2 + 2)]));
        onnx.Dense("0.weight", "0.bias", 2, 3, new float[6], new float[2]);
        Assert.Equal(new long[] { 2 }, onnx.Shape);
        Assert.Equal("name", Assert.Throws<ArgumentException>(() => onnx.Dense("0.weight", "1.bias", 2, 2, new float[4], new float[2])).ParamName);
        Assert.Equal("activation", Assert.Throws<ArgumentOutOfRangeException>(() => new OnnxGraphBuilder("S", true, 2).Rnn("0", 2, Activation.Sigmoid, new float[2 * (2 + 2 + 2)])).ParamName);
        Assert.Throws<ArgumentException>(() => new OnnxGraphBuilder("S", true, 2, 3));
    }

    [Fact]
    public void Builder_TracksShapedValues()
    {
        var onnx = new OnnxGraphBuilder("G", false, 2, 9, 7);
        onnx.Conv2D("0.weight", "0.bias", 4, 2, 3, 2, 1, new float[4 * 2 * 9], new float[4]);
        Assert.Equal(new long[] { 4, 5, 4 }, onnx.Shape);
        onnx.MaxPool(2, 2);
        Assert.Equal(new long[] { 4, 2, 2 }, onnx.Shape);
        onnx.GlobalAvgPool();
        Assert.Equal(new long[] { 4, 1, 1 }, onnx.Shape);
        onnx.Flatten();
        Assert.Equal(new long[] { 4 }, onnx.Shape);
        using var stream = new MemoryStream();
        onnx.WriteTo(stream);
        Assert.True(stream.Length > 0);
    }
}
