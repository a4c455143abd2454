using Pipeline.Stages.Abstractions;
using Pipeline.Stages.Report.Model;

namespace Pipeline.Stages.Report.Inputs;

/// <summary>
/// Reads every wired input into a <see cref="ReportModel"/>. A missing input, file or column, or a file that cannot
/// be read, becomes a note in its section: the report always renders.
/// </summary>
internal static class ReportModelBuilder
{
    /// <summary>Builds the model from the wired inputs and the params; nothing else of <paramref name="context"/> is read.</summary>
    public static async Task<ReportModel> BuildAsync(
        StageContext context, ReportParams parameters, IReadOnlyList<PortSpec> ports, CancellationToken cancellationToken)
    {
        var model = new ReportModel
        {
            Params = parameters,
            Inputs = ReportModel.DescribeInputs(ports, context.Inputs),
        };

        await Input(model, ReportInputs.Previews, ReportSections.Previews, dir =>
        {
            model.Previews.AddRange(ImageFolderReader.Read(dir, ReportSections.Previews, ReportInputs.Previews, model.Notes));
            return Task.CompletedTask;
        }).ConfigureAwait(false);
        await Input(model, ReportInputs.History, ReportSections.Pretrain, dir => HistoryReader.LoadAsync(model, dir, cancellationToken)).ConfigureAwait(false);
        await Input(model, ReportInputs.Encoder, ReportSections.Pretrain, dir =>
        {
            EncoderReader.Load(model, dir);
            return Task.CompletedTask;
        }).ConfigureAwait(false);
        await Input(model, ReportInputs.EvalMetrics, ReportSections.Eval, dir => EvalReader.LoadAsync(model, dir, cancellationToken)).ConfigureAwait(false);
        HeadlineBuilder.Build(model);
        MarginBuilder.Build(model);
        await Input(model, ReportInputs.EvalPlots, ReportSections.Eval, dir =>
        {
            model.EvalPlots.AddRange(ImageFolderReader.Read(dir, ReportSections.Eval, ReportInputs.EvalPlots, model.Notes));
            return Task.CompletedTask;
        }).ConfigureAwait(false);

        // The confusion matrix comes from linear-eval's PNG when there is one; predictions are the fallback.
        var hasConfusionPng = model.EvalPlots.Any(i => i.FileName.StartsWith("confusion", StringComparison.OrdinalIgnoreCase));
        if (!hasConfusionPng)
        {
            await Input(model, ReportInputs.Predictions, ReportSections.Eval, dir => PredictionsReader.LoadAsync(model, dir, cancellationToken)).ConfigureAwait(false);
        }

        await Input(model, ReportInputs.TsnePlots, ReportSections.Tsne, dir =>
        {
            TsneReader.LoadPlots(model, dir);
            return Task.CompletedTask;
        }).ConfigureAwait(false);
        await Input(model, ReportInputs.TsneCoordinates, ReportSections.Tsne, dir => TsneReader.LoadCoordinatesAsync(model, dir, cancellationToken)).ConfigureAwait(false);
        model.Environment.AddRange(EnvironmentProbe.Collect(model.EncoderFacts));
        return model;
    }

    private static async Task Input(ReportModel model, string name, string section, Func<string, Task> load)
    {
        var input = model.Input(name);
        if (input.Directory is not { } directory)
        {
            model.Notes.Add(section, $"input '{name}' ({input.ArtifactType}) is not wired: {input.Description.TrimEnd('.')} not shown");
            return;
        }

        try
        {
            await load(directory).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Other stages' formats are still evolving: a file we cannot read costs its part of the report, not the report.
            model.Notes.Add(section, $"input '{name}' could not be read ({e.GetType().Name}: {e.Message}); that part is left out");
        }
    }
}
