namespace NetGen.Tool.Commands;

/// <summary>The text of <c>netgen --help</c>.</summary>
internal static class Usage
{
    /// <summary>The usage text.</summary>
    public const string Text = """
        netgen: ONNX models in and out of NetGen (docs/onnx.md)

        Usage:
          netgen import <model.onnx> --class <Name> [options]
              Writes <Name>.cs, a [Network] class with the model's layers, and <Name>.safetensors, its weights,
              baked in with Weights = "<Name>.safetensors" (add <NetGenWeights Include="<Name>.safetensors" />
              to the project). Nothing is written when the model does not map.
            --namespace <Ns>         the class's namespace (default: none)
            --out <file.cs>          where to write the class (default: <Name>.cs in the current folder);
                                     the weights go next to it as <Name>.safetensors
            --output <tensor>        the graph output (or any tensor) to import, when the graph has several
            --trainable              give the class training members (default: inference only, Trainable = false)
            --sequence-length <T>    the training window of a trainable sequence network (default: the
                                     input's fixed time axis)
            --force                  overwrite existing files

          netgen inspect <model.onnx> [--output <tensor>]
              Prints the graph, the NetGen layers it maps to, and what does not map.

          netgen --version | --help

        Exit codes: 0 done, 1 the model cannot be read or does not map, 2 a wrong command line.

        """;
}
