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

    /// <summary>Lines of generated code stay under this many characters where a signature would pass it.</summary>
    public const int MaxLine = 150;

    /// <summary>
    /// <c>head(parameters)close</c> on one line, or, when that line would pass <see cref="MaxLine"/> characters, the parameters
    /// one a line under <c>head(</c>, indented, with <paramref name="close"/> after the last.
    /// </summary>
    public void Signature(string head, string parameters, string close)
    {
        if (_depth * 4 + head.Length + parameters.Length + close.Length + 2 <= MaxLine)
        {
            Line($"{head}({parameters}){close}");
            return;
        }
        string[] list = parameters.Split(new[] { ", " }, StringSplitOptions.None);
        Line(head + "(");
        _depth++;
        for (int i = 0; i < list.Length; i++) Line(list[i] + (i == list.Length - 1 ? ")" + close : ","));
        _depth--;
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
