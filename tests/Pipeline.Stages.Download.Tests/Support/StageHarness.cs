using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Stages.Abstractions;
using Pipeline.TestSupport;

namespace Pipeline.Stages.Download.Tests.Support;

/// <summary>Runs <see cref="DownloadStl10Stage"/> in-process with temp staging and checkpoint folders that outlive single runs.</summary>
public sealed class StageHarness : IDisposable
{
    private readonly TempDirectory _root = new("download-stage");

    public string Root => _root.Path;

    public string StagingDirectory => _root.Combine("staging");

    public string CheckpointDirectory => _root.Combine("checkpoint");

    public string DatasetDirectory => Path.Combine(StagingDirectory, DownloadStl10Stage.OutputName);

    public string ArchivePath => DownloadStl10Stage.ArchivePathIn(CheckpointDirectory);

    public string PartialPath => Pipeline.Stages.Download.Http.ResumableHttpDownloader.PartialPathFor(ArchivePath);

    public RecordingStageReporter Reporter { get; private set; } = new();

    public Task RunAsync(DownloadStl10Params parameters, int seed = 7, CancellationToken cancellationToken = default)
    {
        Reporter = new RecordingStageReporter();
        Directory.CreateDirectory(CheckpointDirectory);
        var context = new StageContext("download", "run-1", seed, new Dictionary<string, string>(), StagingDirectory, CheckpointDirectory, NullLogger.Instance, Reporter);
        var stage = new DownloadStl10Stage();
        return stage.RunAsync(context, (object)parameters, cancellationToken);
    }

    public void Dispose() => _root.Dispose();
}
