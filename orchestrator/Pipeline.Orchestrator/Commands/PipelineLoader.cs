using Pipeline.Engine.Caching;
using Pipeline.Engine.Catalog;
using Pipeline.Engine.Model;
using Pipeline.Engine.Validation;
using Pipeline.Engine.Yaml;
using Pipeline.Orchestrator.Cli;

namespace Pipeline.Orchestrator.Commands;

/// <summary>Loads and validates the pipeline and the command-line choices that refer to it; every error at once.</summary>
public static class PipelineLoader
{
    /// <summary>The validated pipeline; throws <see cref="PipelineValidationException"/> listing every problem.</summary>
    public static ValidatedPipeline Load(CliOptions options, StageCatalog catalog)
    {
        var errors = new List<Diagnostic>();
        var overrides = new List<ParamOverride>();
        for (var i = 0; i < options.Sets.Count; i++)
        {
            var parsed = ParamOverride.Parse(options.Sets[i], i + 1, out var error);
            if (parsed is null)
            {
                errors.Add(new Diagnostic(new SourceLocation($"--set #{i + 1}", 0, 0), error!));
            }
            else
            {
                overrides.Add(parsed);
            }
        }

        if (ArtifactsFolderCheck.Problem(options.Artifacts) is { } artifactsProblem)
        {
            errors.Add(new Diagnostic(new SourceLocation("--artifacts", 0, 0), artifactsProblem));
        }

        ValidatedPipeline? pipeline = null;
        try
        {
            pipeline = new PipelineValidator(catalog).Load(options.File!, overrides);
        }
        catch (PipelineValidationException e)
        {
            errors.InsertRange(0, e.Diagnostics);
        }

        if (pipeline is not null)
        {
            var ids = pipeline.Definition.Stages.Select(s => s.Id).ToList();
            foreach (var id in options.Force.Where(f => f != "all" && !ids.Contains(f)))
            {
                errors.Add(new Diagnostic(new SourceLocation("--force", 0, 0), $"no stage '{id}'{NearestName.Hint(id, ids)}; stages: {string.Join(", ", ids)}"));
            }

            if (options.Until is { } until && !ids.Contains(until))
            {
                errors.Add(new Diagnostic(new SourceLocation("--until", 0, 0), $"no stage '{until}'{NearestName.Hint(until, ids)}; stages: {string.Join(", ", ids)}"));
            }
        }

        if (errors.Count > 0)
        {
            throw new PipelineValidationException(errors);
        }

        return pipeline!;
    }
}
