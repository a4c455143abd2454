using System.Globalization;
using System.Text;
using Pipeline.Engine.Model;

namespace Pipeline.Engine.Execution.Slurm;

/// <summary>Writes the batch script of one stage: the resources as <c>#SBATCH</c> lines, then the stage-host command.</summary>
public static class SlurmScript
{
    /// <summary>The script's text.</summary>
    public static string Build(HostCommand host, StageInvocation invocation, string requestPath, string outputPath)
    {
        var r = invocation.Resources ?? new Resources();
        var text = new StringBuilder();
        text.Append("#!/bin/bash\n");
        text.Append(CultureInfo.InvariantCulture, $"#SBATCH --job-name=pipeline-{invocation.StageId}\n");
        text.Append(CultureInfo.InvariantCulture, $"#SBATCH --output={outputPath}\n");
        text.Append("#SBATCH --open-mode=append\n");
        text.Append(CultureInfo.InvariantCulture, $"#SBATCH --chdir={Directory.GetCurrentDirectory()}\n");
        text.Append("#SBATCH --signal=B:TERM@60\n");
        if (r.Cpus is { } cpus)
        {
            text.Append(CultureInfo.InvariantCulture, $"#SBATCH --cpus-per-task={cpus}\n");
        }

        if (r.Mem is { } mem)
        {
            text.Append(CultureInfo.InvariantCulture, $"#SBATCH --mem={mem}\n");
        }

        if (r.Gpus is > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"#SBATCH --gres=gpu:{r.Gpus}\n");
        }

        if (r.Time is { } time)
        {
            text.Append(CultureInfo.InvariantCulture, $"#SBATCH --time={time}\n");
        }

        if (r.Partition is { } partition)
        {
            text.Append(CultureInfo.InvariantCulture, $"#SBATCH --partition={partition}\n");
        }

        text.Append("export PIPELINE_STAGE_DETACHED=1\n");
        var command = new[] { host.FileName }.Concat(host.PrefixArguments).Concat(["stage-host", requestPath]).Select(Quote);
        text.Append("exec ").Append(string.Join(' ', command)).Append(" </dev/null\n");
        return text.ToString();
    }

    /// <summary>Quotes a word for bash.</summary>
    public static string Quote(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
