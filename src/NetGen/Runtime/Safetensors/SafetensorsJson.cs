using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace NetGen.Runtime
{
    /// <summary>
    /// The small JSON reader and writer the safetensors header needs: objects (as dictionaries), arrays (as lists),
    /// strings, numbers (integers as <see cref="long"/>, others as <see cref="double"/>), booleans and null. No
    /// reflection. Shared (linked) by the runtime and the generator, so it compiles for netstandard2.0 as well.
    /// </summary>
    internal static class SafetensorsJson
    {
        private const int MaxDepth = 64;

        /// <summary>Parses one JSON value that fills <paramref name="text"/> (surrounding whitespace allowed).</summary>
        /// <exception cref="InvalidDataException">The text is not valid JSON, or an object repeats a key.</exception>
        public static object? Parse(string text)
        {
            int position = 0;
            object? value = ParseValue(text, ref position, 0);
            SkipWhitespace(text, ref position);
            if (position != text.Length) throw Error(position, "unexpected text after the JSON value");
            return value;
        }

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

        private static object? ParseValue(string s, ref int i, int depth)
        {
            if (depth > MaxDepth) throw Error(i, "nesting too deep");
            SkipWhitespace(s, ref i);
            if (i >= s.Length) throw Error(i, "unexpected end of the header");
            char c = s[i];
            switch (c)
            {
                case '{': return ParseObject(s, ref i, depth);
                case '[': return ParseArray(s, ref i, depth);
                case '"': return ParseString(s, ref i);
                case 't': Expect(s, ref i, "true"); return true;
                case 'f': Expect(s, ref i, "false"); return false;
                case 'n': Expect(s, ref i, "null"); return null;
                default:
                    if (c == '-' || (c >= '0' && c <= '9')) return ParseNumber(s, ref i);
                    throw Error(i, "unexpected character '" + c + "'");
            }
        }

        private static Dictionary<string, object?> ParseObject(string s, ref int i, int depth)
        {
            var result = new Dictionary<string, object?>(StringComparer.Ordinal);
            i++; // '{'
            SkipWhitespace(s, ref i);
            if (i < s.Length && s[i] == '}') { i++; return result; }
            while (true)
            {
                SkipWhitespace(s, ref i);
                if (i >= s.Length || s[i] != '"') throw Error(i, "expected a key string");
                string key = ParseString(s, ref i);
                SkipWhitespace(s, ref i);
                if (i >= s.Length || s[i] != ':') throw Error(i, "expected ':' after the key \"" + key + "\"");
                i++;
                object? value = ParseValue(s, ref i, depth + 1);
                if (result.ContainsKey(key)) throw Error(i, "the key \"" + key + "\" appears twice");
                result.Add(key, value);
                SkipWhitespace(s, ref i);
                if (i >= s.Length) throw Error(i, "unexpected end of the header in an object");
                if (s[i] == ',') { i++; continue; }
                if (s[i] == '}') { i++; return result; }
                throw Error(i, "expected ',' or '}'");
            }
        }

        private static List<object?> ParseArray(string s, ref int i, int depth)
        {
            var result = new List<object?>();
            i++; // '['
            SkipWhitespace(s, ref i);
            if (i < s.Length && s[i] == ']') { i++; return result; }
            while (true)
            {
                result.Add(ParseValue(s, ref i, depth + 1));
                SkipWhitespace(s, ref i);
                if (i >= s.Length) throw Error(i, "unexpected end of the header in an array");
                if (s[i] == ',') { i++; continue; }
                if (s[i] == ']') { i++; return result; }
                throw Error(i, "expected ',' or ']'");
            }
        }

        private static string ParseString(string s, ref int i)
        {
            i++; // opening quote
            var builder = new StringBuilder();
            while (true)
            {
                if (i >= s.Length) throw Error(i, "unterminated string");
                char c = s[i++];
                if (c == '"') return builder.ToString();
                if (c < 0x20) throw Error(i - 1, "control character in a string");
                if (c != '\\') { builder.Append(c); continue; }
                if (i >= s.Length) throw Error(i, "unterminated escape");
                char e = s[i++];
                switch (e)
                {
                    case '"': builder.Append('"'); break;
                    case '\\': builder.Append('\\'); break;
                    case '/': builder.Append('/'); break;
                    case 'b': builder.Append('\b'); break;
                    case 'f': builder.Append('\f'); break;
                    case 'n': builder.Append('\n'); break;
                    case 'r': builder.Append('\r'); break;
                    case 't': builder.Append('\t'); break;
                    case 'u':
                        if (i + 4 > s.Length || !int.TryParse(s.Substring(i, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int code))
                            throw Error(i, "invalid \\u escape");
                        builder.Append((char)code);
                        i += 4;
                        break;
                    default: throw Error(i - 1, "invalid escape '\\" + e + "'");
                }
            }
        }

        private static object ParseNumber(string s, ref int i)
        {
            int start = i;
            bool integer = true;
            if (s[i] == '-') i++;
            int digits = i;
            while (i < s.Length && s[i] >= '0' && s[i] <= '9') i++;
            if (i == digits) throw Error(start, "invalid number");
            if (i < s.Length && s[i] == '.')
            {
                integer = false;
                i++;
                int fraction = i;
                while (i < s.Length && s[i] >= '0' && s[i] <= '9') i++;
                if (i == fraction) throw Error(start, "invalid number");
            }
            if (i < s.Length && (s[i] == 'e' || s[i] == 'E'))
            {
                integer = false;
                i++;
                if (i < s.Length && (s[i] == '+' || s[i] == '-')) i++;
                int exponent = i;
                while (i < s.Length && s[i] >= '0' && s[i] <= '9') i++;
                if (i == exponent) throw Error(start, "invalid number");
            }
            string text = s.Substring(start, i - start);
            if (integer && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long whole)) return whole;
            return double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        private static void Expect(string s, ref int i, string word)
        {
            if (string.CompareOrdinal(s, i, word, 0, word.Length) != 0) throw Error(i, "invalid literal");
            i += word.Length;
        }

        private static void SkipWhitespace(string s, ref int i)
        {
            while (i < s.Length && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) i++;
        }

        private static InvalidDataException Error(int position, string what)
            => new InvalidDataException("The safetensors header is not valid JSON: " + what + " at character " + position.ToString(CultureInfo.InvariantCulture) + ".");
    }
}
