using System;

namespace NetGen.Tool.Import;

/// <summary>
/// A graph the importer cannot turn into a NetGen network: the message names the node (its name and op type), what
/// it found and what NetGen can do instead. Nothing is written when one is thrown.
/// </summary>
internal sealed class ImportException : Exception
{
    /// <summary>Creates the error.</summary>
    /// <param name="message">What is wrong and what to do instead.</param>
    public ImportException(string message) : base(message) { }
}
