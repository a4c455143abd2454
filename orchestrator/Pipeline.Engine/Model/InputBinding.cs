namespace Pipeline.Engine.Model;

/// <summary>An input wired to an upstream output: <c>dataset: download.dataset</c>.</summary>
public sealed record InputBinding(string Name, string FromStage, string FromOutput, SourceLocation Location)
{
    /// <summary>The reference as written: <c>stage.output</c>.</summary>
    public string Reference => $"{FromStage}.{FromOutput}";
}
