using System;
using System.Globalization;
using System.IO;
using System.Text;

namespace NetGen.Runtime
{
    /// <summary>
    /// Writes JSON string literals for the safetensors header. Shared (linked) by the runtime and the generator, so it
    /// compiles for netstandard2.0 as well.
    /// </summary>
    internal static class SafetensorsJson
    {
        /// <summary>Appends <paramref name="value"/> as a JSON string literal (quotes and escapes included).</summary>
        public static void WriteString(StringBuilder builder, string value)
        {
            builder.Append('"');
            foreach (char c in value)
            {
                switch (c)
                {
                    case '"': builder.Append("\\\""); break;
                    case '\\': builder.Append("\\\\"); break;
                    case '\n': builder.Append("\\n"); break;
                    case '\r': builder.Append("\\r"); break;
                    case '\t': builder.Append("\\t"); break;
                    default:
                        if (c < 0x20) builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        else builder.Append(c);
                        break;
                }
            }
            builder.Append('"');
        }
    }

    /// <summary>
    /// A forward-only JSON reader over the UTF-8 bytes of a safetensors header that allocates nothing per value: strings
    /// are decoded into the caller's fixed-size buffer (the rest is validated and skipped), numbers are read as
    /// integers without boxing, and values nobody needs (the metadata) are validated and skipped. So parsing a hostile
    /// header allocates a constant amount, however many values it holds. Shared (linked) by the runtime and the
    /// generator, so it compiles for netstandard2.0 as well.
    /// </summary>
    internal sealed class SafetensorsJsonReader
    {
        /// <summary>The deepest nesting accepted.</summary>
        public const int MaxDepth = 64;

        private readonly byte[] _bytes;
        private readonly int _start;
        private readonly int _end;
        private int _i;

        /// <summary>Starts reading <paramref name="length"/> bytes at <paramref name="offset"/>.</summary>
        /// <exception cref="InvalidDataException">The bytes are not valid UTF-8.</exception>
        public SafetensorsJsonReader(byte[] bytes, int offset, int length)
        {
            try
            {
                // Validates without allocating the text; strings are decoded from the bytes as they are read.
                new UTF8Encoding(false, true).GetCharCount(bytes, offset, length);
            }
            catch (ArgumentException e)
            {
                throw new InvalidDataException("The safetensors header is not valid UTF-8.", e);
            }
            _bytes = bytes;
            _start = offset;
            _end = offset + length;
            _i = offset;
        }

        /// <summary>The next byte after any whitespace, without consuming it.</summary>
        /// <exception cref="InvalidDataException">The header ends here.</exception>
        public byte Peek()
        {
            SkipWhitespace();
            if (_i >= _end) throw Error("unexpected end of the header");
            return _bytes[_i];
        }

        /// <summary>Checks that only whitespace is left.</summary>
        public void End()
        {
            SkipWhitespace();
            if (_i != _end) throw Error("unexpected text after the JSON value");
        }

        /// <summary>Consumes <c>{</c>; true when the object has members (the reader is then before the first key).</summary>
        public bool BeginObject()
        {
            Expect((byte)'{', "'{'");
            if (Peek() == (byte)'}') { _i++; return false; }
            return true;
        }

        /// <summary>After a member's value: true for <c>,</c> (another member follows), false for <c>}</c>.</summary>
        public bool NextMember() => Next((byte)'}', "expected ',' or '}'");

        /// <summary>Consumes <c>[</c>; true when the array has elements.</summary>
        public bool BeginArray()
        {
            Expect((byte)'[', "'['");
            if (Peek() == (byte)']') { _i++; return false; }
            return true;
        }

        /// <summary>After an element: true for <c>,</c> (another element follows), false for <c>]</c>.</summary>
        public bool NextElement() => Next((byte)']', "expected ',' or ']'");

        /// <summary>Reads a member's key and the colon after it; see <see cref="ReadString"/>.</summary>
        public bool ReadKey(char[]? buffer, out int stored)
        {
            if (Peek() != (byte)'"') throw Error("expected a key string");
            bool whole = ReadString(buffer, out stored);
            Expect((byte)':', "':' after a key");
            return whole;
        }

        /// <summary>
        /// Reads a string, storing as many of its characters as fit in <paramref name="buffer"/> (none when it is null)
        /// and validating the rest. True when the whole string was stored.
        /// </summary>
        public bool ReadString(char[]? buffer, out int stored)
        {
            Expect((byte)'"', "a string");
            int capacity = buffer?.Length ?? 0;
            stored = 0;
            bool whole = true;
            while (true)
            {
                if (_i >= _end) throw Error("unterminated string");
                byte b = _bytes[_i];
                if (b == (byte)'"') { _i++; return whole; }
                if (b < 0x20) throw Error("control character in a string");
                if (b == (byte)'\\')
                {
                    _i++;
                    if (_i >= _end) throw Error("unterminated escape");
                    char c;
                    switch ((char)_bytes[_i++])
                    {
                        case '"': c = '"'; break;
                        case '\\': c = '\\'; break;
                        case '/': c = '/'; break;
                        case 'b': c = '\b'; break;
                        case 'f': c = '\f'; break;
                        case 'n': c = '\n'; break;
                        case 'r': c = '\r'; break;
                        case 't': c = '\t'; break;
                        case 'u': c = ReadHexEscape(); break;
                        default: throw Error("invalid escape");
                    }
                    if (stored < capacity) buffer![stored++] = c;
                    else whole = false;
                    continue;
                }
                if (b < 0x80)
                {
                    if (stored < capacity) buffer![stored++] = (char)b;
                    else whole = false;
                    _i++;
                    continue;
                }
                // A multi-byte UTF-8 sequence (the constructor validated them all): 1 char, or 2 (a surrogate pair) for 4 bytes.
                int n = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
                int chars = n == 4 ? 2 : 1;
                if (whole && stored + chars <= capacity) stored += Encoding.UTF8.GetChars(_bytes, _i, n, buffer!, stored);
                else whole = false;
                _i += n;
            }
        }

        /// <summary>
        /// Reads a number; true (with its value) when it is a non-negative integer that fits a <see cref="long"/>,
        /// false for any other valid number.
        /// </summary>
        /// <exception cref="InvalidDataException">The next value is not a valid number.</exception>
        public bool ReadNonNegativeInteger(out long value)
        {
            byte first = Peek();
            if (first != (byte)'-' && (first < (byte)'0' || first > (byte)'9')) throw Error("expected a number");
            return ReadNumber(out value);
        }

        /// <summary>Validates and skips one value of any kind.</summary>
        public void SkipValue(int depth)
        {
            if (depth > MaxDepth) throw Error("nesting too deep");
            byte c = Peek();
            switch ((char)c)
            {
                case '{':
                    if (BeginObject())
                    {
                        do
                        {
                            ReadKey(null, out _);
                            SkipValue(depth + 1);
                        }
                        while (NextMember());
                    }
                    return;
                case '[':
                    if (BeginArray())
                    {
                        do SkipValue(depth + 1);
                        while (NextElement());
                    }
                    return;
                case '"': ReadString(null, out _); return;
                case 't': Literal("true"); return;
                case 'f': Literal("false"); return;
                case 'n': Literal("null"); return;
                default:
                    if (c == (byte)'-' || (c >= (byte)'0' && c <= (byte)'9')) { ReadNumber(out _); return; }
                    throw Error("unexpected character '" + (c < 0x80 && c >= 0x20 ? ((char)c).ToString() : "\\x" + c.ToString("X2", CultureInfo.InvariantCulture)) + "'");
            }
        }

        /// <summary>An <see cref="InvalidDataException"/> for malformed JSON at the current position.</summary>
        public InvalidDataException Error(string what)
            => new InvalidDataException("The safetensors header is not valid JSON: " + what + " at byte " + (_i - _start).ToString(CultureInfo.InvariantCulture) + " of the header.");

        private bool ReadNumber(out long value)
        {
            int start = _i;
            bool negative = false, integer = true, overflow = false;
            value = 0;
            if (_bytes[_i] == (byte)'-') { negative = true; _i++; }
            int digits = _i;
            while (_i < _end && _bytes[_i] >= (byte)'0' && _bytes[_i] <= (byte)'9')
            {
                int d = _bytes[_i++] - '0';
                if (value > (long.MaxValue - d) / 10) overflow = true;
                else value = value * 10 + d;
            }
            if (_i == digits || (_bytes[digits] == (byte)'0' && _i - digits > 1)) { _i = start; throw Error("invalid number"); }
            if (_i < _end && _bytes[_i] == (byte)'.')
            {
                integer = false;
                _i++;
                int fraction = _i;
                while (_i < _end && _bytes[_i] >= (byte)'0' && _bytes[_i] <= (byte)'9') _i++;
                if (_i == fraction) { _i = start; throw Error("invalid number"); }
            }
            if (_i < _end && (_bytes[_i] == (byte)'e' || _bytes[_i] == (byte)'E'))
            {
                integer = false;
                _i++;
                if (_i < _end && (_bytes[_i] == (byte)'+' || _bytes[_i] == (byte)'-')) _i++;
                int exponent = _i;
                while (_i < _end && _bytes[_i] >= (byte)'0' && _bytes[_i] <= (byte)'9') _i++;
                if (_i == exponent) { _i = start; throw Error("invalid number"); }
            }
            return integer && !overflow && (!negative || value == 0);
        }

        private char ReadHexEscape()
        {
            if (_i + 4 > _end) throw Error("invalid \\u escape");
            int code = 0;
            for (int k = 0; k < 4; k++)
            {
                int b = _bytes[_i + k];
                int digit = b >= '0' && b <= '9' ? b - '0' : b >= 'a' && b <= 'f' ? b - 'a' + 10 : b >= 'A' && b <= 'F' ? b - 'A' + 10 : -1;
                if (digit < 0) throw Error("invalid \\u escape");
                code = (code << 4) | digit;
            }
            _i += 4;
            return (char)code;
        }

        private void Literal(string word)
        {
            for (int k = 0; k < word.Length; k++)
            {
                if (_i + k >= _end || _bytes[_i + k] != (byte)word[k]) throw Error("invalid literal");
            }
            _i += word.Length;
        }

        private void Expect(byte c, string what)
        {
            if (Peek() != c) throw Error("expected " + what);
            _i++;
        }

        private bool Next(byte close, string what)
        {
            byte c = Peek();
            _i++;
            if (c == (byte)',') return true;
            if (c == close) return false;
            _i--;
            throw Error(what);
        }

        private void SkipWhitespace()
        {
            while (_i < _end)
            {
                byte b = _bytes[_i];
                if (b != (byte)' ' && b != (byte)'\t' && b != (byte)'\n' && b != (byte)'\r') return;
                _i++;
            }
        }
    }
}
