using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Logging;
using Pipeline.Data;
using Pipeline.Data.Stl10;
using Pipeline.Data.Subset;
using Pipeline.Data.Synthetic;
using Pipeline.Stages.Abstractions;
using Pipeline.Stages.Download.Extraction;
using Pipeline.Stages.Download.Http;
using Pipeline.Stages.Download.Sources;
using Pipeline.Stages.Download.Storage;
using Pipeline.Stages.Download.Verification;

namespace Pipeline.Stages.Download;

/// <summary>
/// <c>download-stl10</c>: fetches <c>stl10_binary.tar.gz</c> (HTTP with resume and retries, or a local file),
/// verifies its checksum, extracts it safely, optionally keeps a class-balanced subset, and writes <c>dataset.json</c>.
/// <c>url: synthetic:</c> generates a synthetic dataset in the same layout instead, offline.
/// </summary>
public sealed class DownloadStl10Stage : Stage<DownloadStl10Params>
{
    /// <summary>The name of the single output.</summary>
    public const string OutputName = "dataset";

    /// <summary>Split sizes generated for <c>url: synthetic:</c> when <c>subset</c> does not say.</summary>
    public static SplitCounts DefaultSyntheticCounts { get; } = new(Unlabeled: 1000, Train: 500, Test: 500);

    /// <inheritdoc />
    public override string TypeName => "download-stl10";

    /// <inheritdoc />
    public override int Version => 1;

    /// <inheritdoc />
    public override string Description => "Download, verify and extract STL-10 (or generate a synthetic stand-in)";

    /// <inheritdoc />
    public override IReadOnlyList<PortSpec> Inputs { get; } = [];

    /// <inheritdoc />
    public override IReadOnlyList<PortSpec> Outputs { get; } =
        [new PortSpec(OutputName, ArtifactTypes.Dataset, "STL-10 binary files and dataset.json")];

    /// <summary>Where an HTTP download is kept inside the checkpoint directory; the partial file is this path plus <c>.partial</c>.</summary>
    public static string ArchivePathIn(string checkpointDirectory) =>
        Path.Combine(checkpointDirectory, "download", Stl10Format.ArchiveFileName);

    /// <inheritdoc />
    protected override async Task RunAsync(StageContext context, DownloadStl10Params parameters, CancellationToken cancellationToken)
    {
        if (!ArchiveSource.TryParse(parameters.Url, out var source, out var urlError))
        {
            throw new StageFailedException($"url: {urlError}");
        }

        context.Reporter.LogParam("resolved_url", source.Display);
        try
        {
            if (source.Kind == ArchiveSourceKind.Synthetic)
            {
                GenerateSynthetic(context, parameters, cancellationToken);
                return;
            }

            var archive = await ObtainVerifiedArchiveAsync(context, parameters, source, cancellationToken).ConfigureAwait(false);
            await ExtractAsync(context, parameters, archive, cancellationToken).ConfigureAwait(false);
            if (source.Kind == ArchiveSourceKind.Http)
            {
                File.Delete(archive);
            }
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested && ex is not StageCancelledException)
        {
            throw new StageCancelledException("download-stl10 was cancelled; a partial download is kept and the next run resumes it", ex);
        }
        catch (IOException ex) when (DiskSpace.IsFull(ex))
        {
            throw new StageFailedException($"the disk is full: {ex.Message}; free some space (or use another --artifacts folder) and run again", ex);
        }
    }

    private static void GenerateSynthetic(StageContext context, DownloadStl10Params parameters, CancellationToken cancellationToken)
    {
        var defaults = DefaultSyntheticCounts;
        var counts = new SplitCounts(
            parameters.Subset?.Unlabeled ?? defaults.Unlabeled,
            parameters.Subset?.Train ?? defaults.Train,
            parameters.Subset?.Test ?? defaults.Test);
        context.Logger.LogInformation(
            "generating a synthetic STL-10 dataset (seed {Seed}: {Unlabeled} unlabeled, {Train} train, {Test} test images)",
            context.Seed, counts.Unlabeled, counts.Train, counts.Test);
        var output = FreshOutput(context);
        try
        {
            SyntheticStl10Generator.Generate(output, counts, context.Seed, cancellationToken: cancellationToken);
        }
        catch
        {
            DeleteQuietly(output);
            throw;
        }
    }

    private static async Task<string> ObtainVerifiedArchiveAsync(
        StageContext context, DownloadStl10Params parameters, ArchiveSource source, CancellationToken cancellationToken)
    {
        var md5 = parameters.ExpectedMd5();
        var sha256 = parameters.Sha256?.ToLowerInvariant();
        if (md5 is null && sha256 is null)
        {
            context.Logger.LogWarning("no md5 or sha256 given for {Url}: the archive cannot be verified", source.Display);
        }

        var clock = Stopwatch.StartNew();
        string archive;
        long bytes;
        if (source.Kind == ArchiveSourceKind.Http)
        {
            archive = ArchivePathIn(context.CheckpointDirectory);
            var result = await DownloadAsync(context, parameters, source, archive, cancellationToken).ConfigureAwait(false);
            bytes = result.BytesReceived;
            clock = Stopwatch.StartNew();
            LogTransfer(context, bytes, result.Elapsed);
        }
        else
        {
            archive = source.LocalPath!;
            if (!File.Exists(archive))
            {
                throw new StageFailedException($"url: the local archive '{archive}' does not exist");
            }

            bytes = new FileInfo(archive).Length;
        }

        var digest = await ArchiveVerifier.VerifyAsync(archive, md5, sha256, source.Kind == ArchiveSourceKind.Http, context.Reporter, cancellationToken).ConfigureAwait(false);
        if (source.Kind == ArchiveSourceKind.File)
        {
            LogTransfer(context, bytes, clock.Elapsed);
        }

        context.Reporter.LogParam("archive_md5", digest.Md5);
        context.Reporter.LogParam("archive_sha256", digest.Sha256);
        return archive;
    }

    private static async Task<DownloadResult> DownloadAsync(
        StageContext context, DownloadStl10Params parameters, ArchiveSource source, string archive, CancellationToken cancellationToken)
    {
        var timeout = TimeSpan.FromSeconds(parameters.TimeoutSeconds);
        using var handler = new SocketsHttpHandler
        {
            ConnectTimeout = timeout,
            AutomaticDecompression = DecompressionMethods.None,
            AllowAutoRedirect = true,
        };
        using var client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.UserAgent.ParseAdd("pipeline-download-stl10/1");
        var options = new HttpDownloadOptions(timeout, parameters.MaxRetries, TimeSpan.FromSeconds(parameters.RetryDelaySeconds), TimeSpan.FromSeconds(60));
        var downloader = new ResumableHttpDownloader(client, options, context.Logger, context.Reporter);
        try
        {
            return await downloader.DownloadAsync(source.HttpUrl!, archive, cancellationToken).ConfigureAwait(false);
        }
        catch (TransientDownloadException ex)
        {
            throw new StageFailedException(
                $"downloading {source.Display} failed: {ex.Message}. " +
                $"The partial file is kept in {Path.GetDirectoryName(archive)}; run again to resume.", ex);
        }
    }

    private static async Task ExtractAsync(StageContext context, DownloadStl10Params parameters, string archive, CancellationToken cancellationToken)
    {
        var output = FreshOutput(context);
        var subset = parameters.Subset;
        var extractTo = subset is null ? output : Path.Combine(context.CheckpointDirectory, "extracted");
        try
        {
            DeleteQuietly(extractTo);
            await SafeTarExtractor.ExtractAsync(archive, extractTo, Stl10Format.ArchiveRoot, context.Logger, context.Reporter, cancellationToken).ConfigureAwait(false);
            var counts = Stl10LayoutValidator.Validate(extractTo);
            if (subset is null)
            {
                DatasetInfo.ForStl10(counts.ToDictionary()).Save(output);
                return;
            }

            var request = new SubsetRequest(subset.Unlabeled, subset.Train, subset.Test);
            try
            {
                Stl10Subsetter.Write(Stl10DatasetReader.Open(extractTo), output, request, context.Seed, cancellationToken);
            }
            catch (ArgumentOutOfRangeException ex)
            {
                throw new StageFailedException(ex.Message.Split(" (Parameter", 2)[0], ex);
            }
            finally
            {
                DeleteQuietly(extractTo);
            }
        }
        catch
        {
            DeleteQuietly(output);
            if (extractTo != output)
            {
                DeleteQuietly(extractTo);
            }

            throw;
        }
    }

    private static void LogTransfer(StageContext context, long bytes, TimeSpan elapsed)
    {
        context.Reporter.LogSummary("download_bytes", bytes);
        context.Reporter.LogSummary("download_mb_per_s", elapsed.TotalSeconds > 0 ? bytes / 1e6 / elapsed.TotalSeconds : 0);
    }

    private static string FreshOutput(StageContext context)
    {
        var output = context.Output(OutputName);
        foreach (var entry in new DirectoryInfo(output).EnumerateFileSystemInfos())
        {
            if (entry is DirectoryInfo directory)
            {
                directory.Delete(recursive: true);
            }
            else
            {
                entry.Delete();
            }
        }

        return output;
    }

    private static void DeleteQuietly(string directory)
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
