using System;
using System.Collections.Generic;
using System.IO;

namespace NetGen.Tests.Runtime;

/// <summary>A write-only stream that records each write call and can be made to fail.</summary>
internal sealed class RecordingStream : Stream
{
    private readonly bool _fail;

    public RecordingStream(bool fail = false)
    {
        _fail = fail;
    }

    public List<byte[]> Writes { get; } = new();

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        if (_fail)
        {
            throw new IOException("Disk full.");
        }

        Writes.Add(buffer.AsSpan(offset, count).ToArray());
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (_fail)
        {
            throw new IOException("Disk full.");
        }

        Writes.Add(buffer.ToArray());
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
