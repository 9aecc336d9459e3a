namespace NetGen.Generator.Emit;

/// <summary>
/// The file-path overloads beside the <c>Stream</c> members (<c>Save</c>, <c>Load</c>, <c>SaveSafetensors</c>,
/// <c>LoadSafetensors</c>, <c>SaveOnnx</c>): a save goes through <c>NetGen.Runtime.AtomicFile.Write</c> (a temporary file
/// in the same folder, renamed over the destination), a load through <c>AtomicFile.OpenRead</c>.
/// </summary>
internal static class FileOverloadsEmitter
{
    private const string Stream = "global::System.IO.Stream";

    /// <summary><c>void <paramref name="member"/>(string path)</c> that writes through the <c>Stream</c> member of that name.</summary>
    public static void WriteSave(IndentedWriter w, string member, string what)
    {
        w.Line();
        w.Line("/// <summary>");
        w.Line($"/// Writes {what} to the file at <paramref name=\"path\"/>, as <see cref=\"{member}({Stream})\"/> writes it:");
        w.Line("/// to a temporary file in the same folder, flushed and then renamed over <paramref name=\"path\"/>, so the file is never");
        w.Line("/// half-written (a failed write deletes the temporary file and leaves an existing file as it was).");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"path\">The file to create or replace.</param>");
        w.Line("/// <exception cref=\"global::System.ArgumentNullException\"><paramref name=\"path\"/> is null.</exception>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\"><paramref name=\"path\"/> is empty or names a folder.</exception>");
        w.Line("/// <exception cref=\"global::System.IO.IOException\">The file cannot be written.</exception>");
        w.Line($"public void {member}(string path) => global::NetGen.Runtime.AtomicFile.Write(path, stream => {member}(stream));");
    }

    /// <summary><c>void LoadSafetensors(string path)</c>.</summary>
    public static void WriteLoadSafetensors(IndentedWriter w)
    {
        w.Line();
        w.Line("/// <summary>");
        w.Line($"/// Reads a safetensors file from <paramref name=\"path\"/>, as <see cref=\"LoadSafetensors({Stream})\"/> does (with its checks).");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"path\">The file to read.</param>");
        w.Line("/// <exception cref=\"global::System.ArgumentNullException\"><paramref name=\"path\"/> is null.</exception>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\"><paramref name=\"path\"/> is empty.</exception>");
        w.Line("/// <exception cref=\"global::System.IO.FileNotFoundException\">The file does not exist.</exception>");
        w.Line("/// <exception cref=\"global::System.IO.InvalidDataException\">The file is not this network's safetensors file.</exception>");
        w.Line("public void LoadSafetensors(string path)");
        w.Line("{");
        w.Line("    using (var stream = global::NetGen.Runtime.AtomicFile.OpenRead(path)) LoadSafetensors(stream);");
        w.Line("}");
    }

    /// <summary><c>static T Load(string path)</c>.</summary>
    public static void WriteLoad(IndentedWriter w, string className)
    {
        w.Line();
        w.Line("/// <summary>");
        w.Line($"/// Reads a network from a file written by <see cref=\"Save(string)\"/> or <see cref=\"Save({Stream})\"/>,");
        w.Line($"/// as <see cref=\"Load({Stream})\"/> does (with its checks).");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"path\">The file to read.</param>");
        w.Line("/// <returns>A new network with the saved parameters, learning rate, optimizer state and dropout generator.</returns>");
        w.Line("/// <exception cref=\"global::System.ArgumentNullException\"><paramref name=\"path\"/> is null.</exception>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\"><paramref name=\"path\"/> is empty.</exception>");
        w.Line("/// <exception cref=\"global::System.IO.FileNotFoundException\">The file does not exist.</exception>");
        w.Line("/// <exception cref=\"global::System.IO.InvalidDataException\">The data is not a NetGen file, is for another layout or optimizer, or is corrupted.</exception>");
        w.Line($"public static {className} Load(string path)");
        w.Line("{");
        w.Line("    using (var stream = global::NetGen.Runtime.AtomicFile.OpenRead(path)) return Load(stream);");
        w.Line("}");
    }
}
