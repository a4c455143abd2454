using System.Globalization;
using System.Text.RegularExpressions;
using Pipeline.Engine.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Pipeline.Engine.Yaml;

/// <summary>
/// Reads a pipeline YAML into a <see cref="PipelineDefinition"/>, keeping the line and column of every value and
/// collecting every structural error (syntax, unknown or missing keys, bad names) instead of stopping at the first.
/// </summary>
public sealed partial class PipelineYamlReader
{
    private static readonly string[] TopLevelKeys = ["name", "experiment", "seed", "tracking_uri", "executor", "resources", "sweep", "stages"];
    private static readonly string[] StageKeys = ["uses", "inputs", "after", "params", "resources"];

    private readonly EnvInterpolator _env;
    private readonly List<Diagnostic> _errors = [];
    private string _file = string.Empty;

    /// <summary>Creates a reader that expands <c>${VAR}</c> through <paramref name="env"/>.</summary>
    public PipelineYamlReader(EnvInterpolator? env = null) => _env = env ?? EnvInterpolator.FromProcess;

    /// <summary>Reads <paramref name="path"/>; returns the definition (null when unusable) and every error found.</summary>
    public (PipelineDefinition? Pipeline, IReadOnlyList<Diagnostic> Errors) ReadFile(string path)
    {
        if (!File.Exists(path))
        {
            return (null, [new Diagnostic(new SourceLocation(path, 0, 0), "pipeline file not found")]);
        }

        var text = PipelineFileText.Read(path, out var error);
        return text is null ? (null, [error!]) : Read(text, path);
    }

    /// <summary>Reads YAML text; <paramref name="displayPath"/> is used in locations.</summary>
    public (PipelineDefinition? Pipeline, IReadOnlyList<Diagnostic> Errors) Read(string text, string displayPath)
    {
        _errors.Clear();
        _file = displayPath;
        if (text.Length > YamlLimits.MaxFileBytes)
        {
            return (null, [new Diagnostic(new SourceLocation(displayPath, 0, 0),
                string.Create(CultureInfo.InvariantCulture, $"the pipeline is longer than {YamlLimits.MaxFileBytes:N0} characters, the most a pipeline file may hold"))]);
        }

        // Checked on the event stream first: loading builds nodes recursively and the values below expand
        // aliases, so depth, size and alias budgets must hold before either happens.
        if (YamlInputGuard.Check(text, displayPath) is { } refused)
        {
            return (null, [refused]);
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            var message = e.InnerException is YamlException inner ? inner.Message : e.Message;
            _errors.Add(new Diagnostic(At(e.Start), $"YAML syntax: {YamlInputGuard.Clean(message)}"));
            return (null, _errors.ToList());
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            var where = stream.Documents.Count == 0 ? new SourceLocation(_file, 1, 1) : At(stream.Documents[0].RootNode.Start);
            _errors.Add(new Diagnostic(where, "a pipeline file must be a mapping with 'name' and 'stages'"));
            return (null, _errors.ToList());
        }

        var pipeline = ReadPipeline(root, text);
        return (_errors.Count == 0 ? pipeline : pipeline, _errors.ToList());
    }

    private PipelineDefinition ReadPipeline(YamlMappingNode root, string text)
    {
        string? name = null;
        string? experiment = null;
        string? trackingUri = null;
        var seed = 42;
        var stages = new List<StageDefinition>();
        YamlNode? stagesNode = null;
        string? executor = null;
        Resources? resources = null;
        var sweep = new List<SweepAxis>();

        var suggested = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (keyNode, valueNode) in root.Children)
        {
            var key = Key(keyNode);
            switch (key)
            {
                case "name":
                    name = ReadString(valueNode, "name");
                    if (name is not null && !PipelineNamePattern().IsMatch(name))
                    {
                        Error(valueNode, $"name '{ShownValue.Of(name)}' must be lowercase letters, digits and '-', starting with a letter or digit");
                    }

                    break;
                case "experiment":
                    experiment = ReadString(valueNode, "experiment");
                    break;
                case "tracking_uri":
                    trackingUri = ReadString(valueNode, "tracking_uri");
                    break;
                case "seed":
                    var seedText = ReadString(valueNode, "seed");
                    if (seedText is not null && !int.TryParse(seedText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out seed))
                    {
                        Error(valueNode, $"seed must be an integer, got '{ShownValue.Of(seedText)}'");
                    }

                    break;
                case "stages":
                    stagesNode = valueNode;
                    break;
                case "executor":
                    executor = ReadString(valueNode, "executor");
                    if (executor is not null and not ("local" or "slurm"))
                    {
                        Error(valueNode, $"executor must be 'local' or 'slurm', got '{ShownValue.Of(executor)}'");
                    }

                    break;
                case "resources":
                    resources = ReadResources(valueNode, "resources");
                    break;
                case "sweep":
                    ReadSweep(valueNode, sweep);
                    break;
                default:
                    UnknownKey(keyNode, key, string.Empty, TopLevelKeys, suggested);
                    break;
            }
        }

        // A misspelt 'stagez' is reported as unknown with its suggestion; 'stages' missing as well would only mislead.
        if (name is null && !root.Children.Any(c => Key(c.Key) == "name") && !suggested.Contains("name"))
        {
            Error(root, "missing required key 'name'");
        }

        if (stagesNode is null)
        {
            if (!suggested.Contains("stages"))
            {
                Error(root, "missing required key 'stages'");
            }
        }
        else if (stagesNode is not YamlMappingNode stagesMap)
        {
            Error(stagesNode, "'stages' must be a mapping of stage id to stage");
        }
        else
        {
            if (stagesMap.Children.Count == 0)
            {
                Error(stagesMap, "'stages' is empty");
            }

            foreach (var (idNode, stageNode) in stagesMap.Children)
            {
                if (ReadStage(Key(idNode), idNode, stageNode) is { } stage)
                {
                    stages.Add(stage);
                }
            }
        }

        name ??= "pipeline";
        return new PipelineDefinition(name, experiment ?? name, seed, trackingUri, stages, _file, text)
        {
            Executor = executor,
            Resources = resources,
            Sweep = sweep,
        };
    }

    private StageDefinition? ReadStage(string id, YamlNode idNode, YamlNode node)
    {
        if (!StageIdPattern().IsMatch(id))
        {
            Error(idNode, $"stage id '{ShownValue.Of(id)}' must be lowercase letters, digits, '-' or '_', starting with a letter");
        }

        if (node is not YamlMappingNode map)
        {
            Error(node, $"stage '{id}' must be a mapping with 'uses' (and optionally inputs, after, params)");
            return null;
        }

        string? uses = null;
        var usesLocation = At(map.Start);
        var paramsLocation = At(map.Start);
        var inputs = new List<InputBinding>();
        var after = new List<(string, SourceLocation)>();
        var parameters = new Dictionary<string, ParamValue>(StringComparer.Ordinal);
        Resources? resources = null;
        var suggested = new HashSet<string>(StringComparer.Ordinal);

        foreach (var (keyNode, valueNode) in map.Children)
        {
            var key = Key(keyNode);
            switch (key)
            {
                case "uses":
                    uses = ReadString(valueNode, $"stages.{id}.uses");
                    usesLocation = At(valueNode.Start);
                    break;
                case "inputs":
                    ReadInputs(id, valueNode, inputs);
                    break;
                case "after":
                    ReadAfter(id, valueNode, after);
                    break;
                case "params":
                    paramsLocation = At(keyNode.Start);
                    ReadParams(id, valueNode, parameters);
                    break;
                case "resources":
                    resources = ReadResources(valueNode, $"stages.{id}.resources");
                    break;
                default:
                    UnknownKey(keyNode, key, $" in stage '{id}'", StageKeys, suggested);
                    break;
            }
        }

        if (uses is null)
        {
            if (!suggested.Contains("uses"))
            {
                Error(idNode, $"stage '{id}' is missing required key 'uses'");
            }

            return null;
        }

        return new StageDefinition(id, uses, inputs, after, parameters, At(idNode.Start), usesLocation, paramsLocation) { Resources = resources };
    }

    private void UnknownKey(YamlNode keyNode, string key, string where, string[] valid, HashSet<string> suggested)
    {
        var suggestion = NearestName.Suggest(key, valid);
        if (suggestion is not null)
        {
            suggested.Add(suggestion);
        }

        var hint = suggestion is null ? string.Empty : $" (did you mean '{suggestion}'?)";
        Error(keyNode, $"unknown key '{ShownValue.Of(key)}'{where}{hint}; valid keys: {string.Join(", ", valid)}");
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex PipelineNamePattern();

    [GeneratedRegex("^[a-z][a-z0-9_-]*$")]
    private static partial Regex StageIdPattern();
}
