using Pipeline.Engine.Catalog;
using Pipeline.Stages.Abstractions;

namespace Pipeline.Orchestrator;

/// <summary>Every stage type this orchestrator can run. A new stage project adds one line here.</summary>
public static class StageRegistry
{
    /// <summary>The catalog of registered stage types.</summary>
    public static StageCatalog Create() => new(All());

    private static IEnumerable<IStage> All()
    {
        yield return new Stages.Download.DownloadStl10Stage();
        yield return new Stages.FashionMnist.FashionMnistStage();
        yield return new Stages.AugmentPreview.AugmentPreviewStage();
        yield return new Stages.Pretrain.SimClrPretrainStage();
        yield return new Stages.LinearEval.LinearEvalStage();
        yield return new Stages.Embed.EmbedStage();
        yield return new Stages.Tsne.TsneStage();
        yield return new Stages.Report.ReportStage();
    }
}
