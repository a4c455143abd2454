using Pipeline.Engine.Model;
using Pipeline.Stages.Abstractions;

namespace Pipeline.Engine.Validation;

/// <summary>A stage that passed validation: its definition, its stage type and its resolved params.</summary>
public sealed record ValidatedStage(StageDefinition Definition, IStage Stage, ResolvedParams Params)
{
    /// <summary>The stage id.</summary>
    public string Id => Definition.Id;

    /// <summary>The stage type's descriptor.</summary>
    public StageDescriptor Descriptor => Stage.Descriptor;

    /// <summary>The code this stage runs (part of its cache key).</summary>
    public Caching.CodeIdentity Code => Caching.CodeIdentity.Of(Stage.GetType());
}
