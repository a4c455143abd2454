using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Stages.Abstractions;
using Pipeline.TestSupport;

namespace Pipeline.Stages.Download.Tests.Support;

/// <summary>Runs <see cref="DownloadStl10Stage"/> in-process with temp staging and checkpoint folders that outlive single runs.</summary>
public sealed class StageHarness : IDisposable
{
    private readonly TempDirectory? _temp;

    /// <summary>A harness in a fresh temp folder, or in <paramref name="root"/> (for example on a small filesystem).</summary>
    public StageHarness(string? root = null)
    {
        _temp = root is null ? new TempDirectory("download-stage") : null;
        Root = root ?? _temp!.Path;
    }

    public string Root { get; }

    public string StagingDirectory => Path.Combine(Root, "staging");

    public string CheckpointDirectory => Path.Combine(Root, "checkpoint");

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

    public void Dispose() => _temp?.Dispose();
}
