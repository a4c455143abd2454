using Pipeline.Ml.Eval;

namespace Pipeline.Stages.LinearEval;

/// <summary>The labelled images a probe sees: train and validation positions into the train split, and the test split.</summary>
internal sealed record EvaluationData(
    IImageBatchSource TrainSource,
    long[] TrainSplitLabels,
    int[] TrainPositions,
    int[] ValidationPositions,
    IImageBatchSource TestSource,
    long[] TestLabels,
    IReadOnlyList<string> ClassNames);
