using Pipeline.Stages.Abstractions;

namespace Pipeline.Engine.Catalog;

/// <summary>The registered stage types, by the name pipelines use in <c>uses:</c>.</summary>
public sealed class StageCatalog
{
    private readonly Dictionary<string, IStage> _stages = new(StringComparer.Ordinal);

    /// <summary>Registers <paramref name="stages"/>; a duplicate type name is a programming error.</summary>
    public StageCatalog(IEnumerable<IStage> stages)
    {
        foreach (var stage in stages)
        {
            if (!_stages.TryAdd(stage.Descriptor.TypeName, stage))
            {
                throw new InvalidOperationException($"stage type '{stage.Descriptor.TypeName}' is registered twice");
            }
        }
    }

    /// <summary>Every registered type name, sorted.</summary>
    public IReadOnlyList<string> TypeNames => _stages.Keys.Order(StringComparer.Ordinal).ToList();

    /// <summary>The stage type named <paramref name="typeName"/>, or null.</summary>
    public IStage? Find(string typeName) => _stages.GetValueOrDefault(typeName);

    /// <summary>The stage type named <paramref name="typeName"/>; throws when unknown.</summary>
    public IStage Get(string typeName) =>
        Find(typeName) ?? throw new InvalidOperationException($"unknown stage type '{typeName}'");
}
