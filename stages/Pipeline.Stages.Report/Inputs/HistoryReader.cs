using Pipeline.Stages.Report.Model;

namespace Pipeline.Stages.Report.Inputs;

/// <summary>Reads pretraining's history.parquet into <see cref="TrainingHistory"/> and derives the pretraining charts.</summary>
internal static class HistoryReader
{
    private const string Section = ReportSections.Pretrain;

    /// <summary>Fills <see cref="ReportModel.History"/> and <see cref="ReportModel.PretrainCharts"/> from <paramref name="directory"/>.</summary>
    public static async Task LoadAsync(ReportModel model, string directory, CancellationToken cancellationToken)
    {
        var path = Path.Combine(directory, ReportInputs.HistoryFile);
        if (!File.Exists(path))
        {
            model.Notes.Add(Section, $"{ReportInputs.History}/{ReportInputs.HistoryFile} is missing");
            return;
        }

        var table = await ParquetTable.ReadAsync(path, cancellationToken).ConfigureAwait(false);
        double[]? Column(string name)
        {
            var values = table.Doubles(name);
            if (values is null)
            {
                model.Notes.Add(Section, $"{ReportInputs.HistoryFile} has no numeric column '{name}'");
            }

            return values;
        }

        var history = new TrainingHistory(table.RowCount, Column("step"), Column("epoch"), Column("loss"), Column("lr"), Column("images_per_second"));
        model.History = history;
        if (table.RowCount == 0)
        {
            model.Notes.Add(Section, $"{ReportInputs.HistoryFile} has no rows");
            return;
        }

        var steps = history.StepAxis();
        var stepLabel = history.Step is null ? "row" : "step";
        if (history.Loss is { } loss)
        {
            model.PretrainCharts.Add(new LineChartSpec("pretrain-loss-per-step", "NT-Xent loss per step", stepLabel, "loss", [new ChartSeries("loss", steps, loss)]));
            var perEpoch = history.LossPerEpoch();
            if (perEpoch.Count > 0)
            {
                model.PretrainCharts.Add(new LineChartSpec(
                    "pretrain-loss-per-epoch", "Mean loss per epoch", "epoch", "mean loss",
                    [new ChartSeries("mean loss", perEpoch.Select(e => e.Epoch).ToList(), perEpoch.Select(e => e.MeanLoss).ToList())],
                    Markers: true));
            }
        }

        if (history.LearningRate is { } lr)
        {
            model.PretrainCharts.Add(new LineChartSpec("pretrain-lr", "Learning rate", stepLabel, "lr", [new ChartSeries("lr", steps, lr)]));
        }

        if (history.ImagesPerSecond is { } throughput)
        {
            model.PretrainCharts.Add(new LineChartSpec("pretrain-throughput", "Throughput", stepLabel, "images / s", [new ChartSeries("images/s", steps, throughput)]));
        }
    }
}
