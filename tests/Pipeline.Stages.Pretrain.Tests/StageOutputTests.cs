using System.Text.Json;
using Pipeline.Ml.Backbones;
using Pipeline.Stages.Pretrain.History;
using Pipeline.Stages.Pretrain.Tests.Support;

namespace Pipeline.Stages.Pretrain.Tests;

[Collection(ReferenceRunCollection.Name)]
public sealed class StageOutputTests(ReferenceRun reference)
{
    private const int StepsPerEpoch = SyntheticDataset.UnlabeledImages / 16;

    [Fact]
    public void Encoder_artifact_describes_the_backbone_and_its_input()
    {
        var directory = reference.Run.Output(SimClrPretrainStage.EncoderOutput);
        var (backbone, info) = EncoderArtifact.Load(directory);
        using var _ = backbone;

        Assert.Equal(3, info.InputChannels);
        Assert.Equal(32, info.InputSize);
        Assert.False(info.SmallImageStem);
        Assert.Equal(("resnet18", 64, 2, 512), (info.Architecture, info.Width, info.BlocksPerStage, info.FeatureDimension));
        Assert.Equal(new ResNet18BackboneOptions(3), backbone.Options);
        Assert.Equal([0.485, 0.456, 0.406], info.NormalizeMean);
        Assert.Equal([0.229, 0.224, 0.225], info.NormalizeStd);
    }

    [Fact]
    public void Checkpoint_output_holds_the_final_state_and_a_readable_description()
    {
        var directory = reference.Run.Output(SimClrPretrainStage.CheckpointOutput);
        Assert.True(File.Exists(Path.Combine(directory, Checkpoints.CheckpointFile.FileName)));
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, SimClrPretrainStage.CheckpointInfoFile)));

        Assert.Equal(3, json.RootElement.GetProperty("epoch").GetInt32());
        Assert.Equal(3 * StepsPerEpoch, json.RootElement.GetProperty("global_step").GetInt64());
    }

    [Fact]
    public async Task History_parquet_has_one_row_per_step_and_a_row_group_per_epoch()
    {
        var path = Path.Combine(reference.Run.Output(SimClrPretrainStage.HistoryOutput), HistoryTable.FileName);

        var rows = await HistoryTable.ReadAsync(path);
        await using var reader = await Parquet.ParquetReader.CreateAsync(path);

        Assert.Equal(["step", "epoch", "loss", "lr"], reader.Schema.GetDataFields().Select(f => f.Name));
        Assert.Equal(3, reader.RowGroupCount);
        Assert.Equal(Enumerable.Range(1, 3 * StepsPerEpoch).Select(i => (long)i), rows.Select(r => r.Step));
        Assert.Equal(Enumerable.Range(1, 3).SelectMany(e => Enumerable.Repeat(e, StepsPerEpoch)), rows.Select(r => r.Epoch));
        Assert.All(rows, r => Assert.True(double.IsFinite(r.Loss) && r.Lr == 0.06));
    }

    [Fact]
    public async Task Loss_decreases_from_the_first_epoch_to_the_last()
    {
        var path = Path.Combine(reference.Run.Output(SimClrPretrainStage.HistoryOutput), HistoryTable.FileName);
        var epochs = (await HistoryTable.ReadAsync(path)).GroupBy(r => r.Epoch).Select(g => g.Average(r => r.Loss)).ToList();
        var logged = reference.Run.Reporter.Metric("train_loss_epoch");

        Assert.Equal(epochs, logged.Select(m => m.Value), (a, b) => Math.Abs(a - b) < 1e-9);
        Assert.Equal([1L, 2L, 3L], logged.Select(m => m.Step!.Value));
        Assert.True(epochs[^1] < epochs[0] - 0.02, $"loss per epoch did not decrease: {string.Join(", ", epochs)}");
    }

    [Fact]
    public void Metrics_summaries_and_progress_are_reported()
    {
        var reporter = reference.Run.Reporter;

        Assert.Equal(3 * StepsPerEpoch, reporter.Metric("train_loss_step").Count);
        Assert.Equal(3, reporter.Metric("images_per_second").Count);
        Assert.Equal(3, reporter.Metric("epoch_seconds").Count);
        Assert.Equal(3, reporter.Metric("rss_mb").Count);
        Assert.All(reporter.Metric("lr"), m => Assert.Equal(0.06, m.Value));
        Assert.True(reporter.Summaries["images_per_second"] > 0);
        Assert.Equal(reporter.Metric("train_loss_epoch")[^1].Value, reporter.Summaries["train_loss_epoch"], 9);
        var last = reporter.ProgressUpdates[^1];
        Assert.Equal(("epoch 3/3", StepsPerEpoch, "steps"), (last.Phase, (int)last.Done, last.Unit));
        Assert.Equal(StepsPerEpoch, last.Total);
        Assert.Contains("img/s", last.Detail);
    }
}
