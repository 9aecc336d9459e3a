using System;
using System.IO;
using NetGen.Tool.Commands;
using NetGen.Tool.Import;

namespace NetGen.Tool;

/// <summary>The <c>netgen</c> command: <c>import</c>, <c>inspect</c>, <c>--help</c>, <c>--version</c>.</summary>
internal static class Program
{
    /// <summary>Exit codes: 0 success, 1 the model does not map (or cannot be read), 2 a wrong command line.</summary>
    private static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Runs a command line, writing to the given streams (the tests call this).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        try
        {
            if (args.Length == 0 || args[0] is "--help" or "-h" or "help")
            {
                output.Write(Usage.Text);
                return args.Length == 0 ? 2 : 0;
            }
            if (args[0] == "--version")
            {
                output.WriteLine("netgen " + typeof(Program).Assembly.GetName().Version?.ToString(3));
                return 0;
            }
            var rest = args[1..];
            switch (args[0])
            {
                case "import": return ImportCommand.Run(rest, output);
                case "inspect": return InspectCommand.Run(rest, output);
                default: throw new UsageException($"Unknown command '{args[0]}'. Commands: import, inspect (netgen --help).");
            }
        }
        catch (UsageException e)
        {
            error.WriteLine("netgen: " + e.Message);
            error.WriteLine("Run `netgen --help` for the usage.");
            return 2;
        }
        catch (ImportException e)
        {
            error.WriteLine("netgen: " + e.Message);
            error.WriteLine("Nothing was written.");
            return 1;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine("netgen: " + e.Message);
            error.WriteLine("Nothing was written.");
            return 1;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A graph shaped in a way the importer did not foresee: still a message and no files (they are written last).
            error.WriteLine($"netgen: the model could not be imported ({e.GetType().Name}: {e.Message}). This is a bug in netgen; please report it with the model"
                + (Environment.GetEnvironmentVariable("NETGEN_TOOL_TRACE") == "1" ? ":\n" + e : " (NETGEN_TOOL_TRACE=1 prints where it happened)."));
            error.WriteLine("Nothing was written.");
            return 1;
        }
    }
}
