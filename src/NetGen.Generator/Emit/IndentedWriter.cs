using System;
using System.Text;

namespace NetGen.Generator.Emit;

/// <summary>Writes source text line by line with indentation; <see cref="Block"/> opens a braced block closed on dispose.</summary>
internal sealed class IndentedWriter
{
    private readonly StringBuilder _text = new();
    private int _depth;

    public void Line(string line = "")
    {
        if (line.Length > 0) _text.Append(' ', _depth * 4).Append(line);
        _text.Append('\n');
    }

    public void Comment(string comment) => Line("// " + comment);

    public IDisposable Block(string header)
    {
        Line(header);
        Line("{");
        _depth++;
        return new Closer(this);
    }

    /// <summary>Opens a bare <c>{ }</c> scope (keeps loop locals apart), closed on dispose.</summary>
    public IDisposable Scope()
    {
        Line("{");
        _depth++;
        return new Closer(this);
    }

    public void Indent() => _depth++;

    public void Outdent() => _depth--;

    public override string ToString() => _text.ToString();

    private sealed class Closer : IDisposable
    {
        private readonly IndentedWriter _writer;
        private bool _closed;

        public Closer(IndentedWriter writer) => _writer = writer;

        public void Dispose()
        {
            if (_closed) return;
            _closed = true;
            _writer._depth--;
            _writer.Line("}");
        }
    }
}
