using Pipeline.Engine.Graph;
using Pipeline.Engine.Model;

namespace Pipeline.Engine.Validation;

/// <summary>A pipeline that passed validation, ready to plan and run.</summary>
public sealed record ValidatedPipeline(PipelineDefinition Definition, PipelineGraph Graph, IReadOnlyDictionary<string, ValidatedStage> Stages)
{
    /// <summary>Stages in topological order.</summary>
    public IEnumerable<ValidatedStage> InOrder() => Graph.TopologicalOrder().Select(id => Stages[id]);
}
