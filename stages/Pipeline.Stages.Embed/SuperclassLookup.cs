using Pipeline.Data;

namespace Pipeline.Stages.Embed;

/// <summary>The superclass of each class from <see cref="DatasetInfo.Superclasses"/> (STL-10: animal, vehicle); empty when a class has none.</summary>
public sealed class SuperclassLookup
{
    private readonly Dictionary<string, string> byClass = new(StringComparer.Ordinal);

    /// <summary>Builds the lookup; a class listed under two superclasses keeps the first.</summary>
    public SuperclassLookup(DatasetInfo info)
    {
        foreach (var (superclass, classes) in info.Superclasses)
        {
            foreach (var name in classes)
            {
                byClass.TryAdd(name, superclass);
            }
        }
    }

    /// <summary>The superclass of <paramref name="className"/>, or "".</summary>
    public string Of(string className) => byClass.TryGetValue(className, out var superclass) ? superclass : "";
}
