using Microsoft.Extensions.Logging;
using Pipeline.Data;
using Pipeline.Data.FashionMnist;
using Pipeline.Data.Stl10;
using Pipeline.Stages.Abstractions;
using Pipeline.Stages.FashionMnist.Conversion;

namespace Pipeline.Stages.FashionMnist;

/// <summary>
/// <c>fashion-mnist</c>: reads Fashion-MNIST's IDX files (Debian's <c>dataset-fashion-mnist</c>, streaming through
/// gzip), optionally keeps a class-balanced subset, and writes the same <c>dataset</c> artifact as
/// <c>download-stl10</c>: the STL-10 binary layout with 1x28x28 images, labels from 1, <c>class_names.txt</c> and
/// <c>dataset.json</c> (no <c>fold_indices.txt</c>: Fashion-MNIST has no folds and no reader needs one).
/// </summary>
public sealed class FashionMnistStage : Stage<FashionMnistParams>
{
    /// <summary>The name of the single output.</summary>
    public const string OutputName = "dataset";

    /// <inheritdoc />
    public override string TypeName => "fashion-mnist";

    /// <inheritdoc />
    public override int Version => 1;

    /// <inheritdoc />
    public override string Description => "Fashion-MNIST from its IDX files (apt-get install dataset-fashion-mnist) as a 1x28x28 dataset";

    /// <inheritdoc />
    public override IReadOnlyList<PortSpec> Inputs { get; } = [];

    /// <inheritdoc />
    public override IReadOnlyList<PortSpec> Outputs { get; } =
        [new PortSpec(OutputName, ArtifactTypes.Dataset, "Fashion-MNIST in the STL-10 binary layout (1x28x28) and dataset.json")];

    /// <inheritdoc />
    protected override Task RunAsync(StageContext context, FashionMnistParams parameters, CancellationToken cancellationToken) =>
        Task.Run(() => Run(context, parameters, cancellationToken), cancellationToken);

    private static void Run(StageContext context, FashionMnistParams parameters, CancellationToken cancellationToken)
    {
        var errors = parameters.Validate().Select(e => $"{e.Key}: {e.Message}").ToList();
        if (errors.Count > 0)
        {
            throw new StageFailedException(string.Join("; ", errors));
        }

        var directory = Path.GetFullPath(parameters.Directory);
        var files = SourceFiles.Locate(directory);
        context.Reporter.LogParam("source_directory", directory);
        var train = OpenSplit(files, Stl10Format.Train);
        var test = OpenSplit(files, Stl10Format.Test);
        var selection = SplitSelection.Choose(train, test, parameters, context.Seed);
        context.Logger.LogInformation(
            "converting Fashion-MNIST from {Directory} (seed {Seed}: {Unlabeled} unlabeled from {Source}, {Train} train, {Test} test images)",
            directory, context.Seed, selection.Unlabeled.Length, parameters.UnlabeledFrom, selection.Train.Length, selection.Test.Length);

        var trainImages = Load(context, train, selection, cancellationToken);
        var testImages = Load(context, test, selection, cancellationToken);
        var output = FreshOutput(context);
        try
        {
            var writer = new SplitWriter(output, context.Reporter, cancellationToken);
            writer.WriteLabeled(Stl10Format.Train, selection.Train, trainImages, train.Labels);
            writer.WriteLabeled(Stl10Format.Test, selection.Test, testImages, test.Labels);
            writer.WriteUnlabeled(selection.Unlabeled, i => i < train.Count ? trainImages.Image(i) : testImages.Image(i - train.Count));
            Stl10Writer.WriteClassNames(output, FashionMnistFormat.ClassNames);
            var counts = new SplitCounts(selection.Unlabeled.Length, selection.Train.Length, selection.Test.Length);
            FashionMnistFormat.Describe(counts.ToDictionary()).Save(output);
            context.Reporter.LogSummary("images_train", counts.Train);
            context.Reporter.LogSummary("images_test", counts.Test);
            context.Reporter.LogSummary("images_unlabeled", counts.Unlabeled);
        }
        catch
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }

            throw;
        }
    }

    private static FashionMnistSplit OpenSplit(SourceFiles files, string split)
    {
        try
        {
            return FashionMnistSplit.Open(split, files.Images(split), files.Labels(split));
        }
        catch (InvalidDataException ex)
        {
            throw Corrupt(ex);
        }
    }

    private static ImageStore Load(StageContext context, FashionMnistSplit split, SplitSelection selection, CancellationToken cancellationToken)
    {
        try
        {
            var progress = new ImageProgress(context.Reporter, $"read {split.Name} images", split.Count);
            return ImageStore.Load(split, selection.NeededFrom(split), progress, cancellationToken);
        }
        catch (InvalidDataException ex)
        {
            throw Corrupt(ex);
        }
    }

    private static StageFailedException Corrupt(InvalidDataException ex) =>
        new($"{ex.Message}. Reinstall the files (`apt-get install --reinstall dataset-fashion-mnist`) or point directory at an intact copy.", ex);

    private static string FreshOutput(StageContext context)
    {
        var output = context.Output(OutputName);
        foreach (var entry in new DirectoryInfo(output).EnumerateFileSystemInfos())
        {
            if (entry is DirectoryInfo folder)
            {
                folder.Delete(recursive: true);
            }
            else
            {
                entry.Delete();
            }
        }

        return output;
    }
}
