using System;
using System.IO;

namespace NetGen.Tool.Tests;

/// <summary>Runs the netgen command line in process (Program.Run) and captures what it prints.</summary>
internal static class ToolRunner
{
    /// <summary>The exit code, standard output and standard error of one command line.</summary>
    public static (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = Program.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>A new empty folder under the system's temporary folder (deleted by the caller).</summary>
    public static string TemporaryFolder()
    {
        string folder = Path.Combine(Path.GetTempPath(), "netgen-tool-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }
}
