using Pipeline.Engine.Model;

namespace Pipeline.Orchestrator.Commands;

/// <summary>Prints every diagnostic of invalid input once, to stderr, and gives exit code 2.</summary>
public static class InvalidInput
{
    /// <summary>Reports <paramref name="error"/>, ending with what was not done (e.g. "nothing was run or written").</summary>
    public static int Report(PipelineValidationException error, string consequence)
    {
        foreach (var diagnostic in error.Diagnostics)
        {
            System.Console.Error.WriteLine(diagnostic);
        }

        System.Console.Error.WriteLine($"{error.Diagnostics.Count} error(s); {consequence}.");
        return 2;
    }
}
