using System;
using System.ComponentModel;
using System.IO;
using System.Threading;

namespace NetGen.Runtime;

/// <summary>
/// The file-path overloads of generated networks (<c>Save(string)</c>, <c>SaveSafetensors(string)</c>, <c>SaveOnnx(string)</c>
/// and the loads): a save writes a temporary file in the destination's folder, flushes it to disk and renames it over the
/// destination, so the destination is never half-written. This type is infrastructure for generated code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class AtomicFile
{
    private static long s_counter;

    /// <summary>
    /// Writes a file through <paramref name="write"/>: to <c>.&lt;name&gt;.&lt;unique&gt;.tmp</c> in the folder of
    /// <paramref name="path"/>, then renamed over <paramref name="path"/> (replacing an existing file). When
    /// <paramref name="write"/> or the rename throws, the temporary file is deleted and <paramref name="path"/> is unchanged.
    /// </summary>
    /// <param name="path">The destination file.</param>
    /// <param name="write">Writes the whole file to the stream it is given.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> or <paramref name="write"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty or names a folder.</exception>
    public static void Write(string path, Action<Stream> write)
    {
        if (path is null) throw new ArgumentNullException(nameof(path));
        if (write is null) throw new ArgumentNullException(nameof(write));
        if (path.Length == 0) throw new ArgumentException("The path is empty.", nameof(path));
        string full = Path.GetFullPath(path);
        string name = Path.GetFileName(full);
        if (name.Length == 0) throw new ArgumentException("The path names a folder, not a file.", nameof(path));
        if (Directory.Exists(full)) throw new ArgumentException($"'{full}' is a folder.", nameof(path));
        string folder = Path.GetDirectoryName(full) ?? throw new ArgumentException("The path has no folder.", nameof(path));
        long unique = Interlocked.Increment(ref s_counter);
        string temporary = Path.Combine(folder, $".{name}.{Environment.TickCount:x}{unique:x}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            if (File.Exists(full))
            {
                File.Replace(temporary, full, destinationBackupFileName: null, ignoreMetadataErrors: true);
            }
            else
            {
                File.Move(temporary, full);
            }
        }
        catch
        {
            try
            {
                File.Delete(temporary);
            }
            catch (IOException)
            {
                // The original exception matters more than a temporary file that could not be deleted.
            }
            catch (UnauthorizedAccessException)
            {
            }

            throw;
        }
    }

    /// <summary>Opens <paramref name="path"/> for reading (shared read access), for the generated loads.</summary>
    /// <param name="path">The file.</param>
    /// <returns>A read-only stream at the start of the file.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    public static Stream OpenRead(string path)
    {
        if (path is null) throw new ArgumentNullException(nameof(path));
        if (path.Length == 0) throw new ArgumentException("The path is empty.", nameof(path));
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
    }
}
