namespace Pipeline.Engine.Execution;

/// <summary>
/// The files an executor writes beside a stage's staging folder (<c>&lt;staging&gt;.request.json</c>,
/// <c>.result.json</c>, and for Slurm <c>.sbatch</c> and <c>.slurm.out</c>): removed when the stage ends, whatever
/// the outcome; the stage's output is already in its log under the run's folder.
/// </summary>
public static class ExecutorFiles
{
    /// <summary>The suffixes, after the staging folder's path.</summary>
    public static IReadOnlyList<string> Suffixes { get; } = [".request.json", ".result.json", ".sbatch", ".slurm.out"];

    /// <summary>Removes the executor files of <paramref name="staging"/>; a file still held open is left for <c>gc</c>.</summary>
    public static void Remove(string staging)
    {
        foreach (var suffix in Suffixes)
        {
            try
            {
                File.Delete(staging.TrimEnd('/') + suffix);
            }
            catch (IOException)
            {
                // gc removes it later.
            }
        }
    }
}
