using System.Text.Json.Nodes;
using Pipeline.Engine.Catalog;
using Pipeline.Engine.Graph;
using Pipeline.Engine.Model;
using Pipeline.Engine.Yaml;

namespace Pipeline.Engine.Validation;

/// <summary>
/// Validates a whole pipeline against the registered stage types before anything runs, and reports every error
/// at once: unknown types, bad wiring, wrong artifact types, cycles, and params.
/// </summary>
public sealed class PipelineValidator
{
    private readonly StageCatalog _catalog;

    /// <summary>Creates a validator for the stage types in <paramref name="catalog"/>.</summary>
    public PipelineValidator(StageCatalog catalog) => _catalog = catalog;

    /// <summary>Reads and validates a pipeline file; throws <see cref="PipelineValidationException"/> with every error.</summary>
    public ValidatedPipeline Load(string path, IReadOnlyList<ParamOverride>? overrides = null, EnvInterpolator? env = null)
    {
        var (definition, errors) = new PipelineYamlReader(env).ReadFile(path);
        return Validate(definition, errors, overrides ?? []);
    }

    /// <summary>Validates YAML text (for tests and tools).</summary>
    public ValidatedPipeline LoadText(string text, string displayPath, IReadOnlyList<ParamOverride>? overrides = null, EnvInterpolator? env = null)
    {
        var (definition, errors) = new PipelineYamlReader(env).Read(text, displayPath);
        return Validate(definition, errors, overrides ?? []);
    }

    private ValidatedPipeline Validate(PipelineDefinition? definition, IReadOnlyList<Diagnostic> readErrors, IReadOnlyList<ParamOverride> overrides)
    {
        var errors = readErrors.ToList();
        if (definition is null)
        {
            throw new PipelineValidationException(errors);
        }

        var ids = definition.Stages.Select(s => s.Id).ToList();
        var edges = new List<(string, string)>();
        var stages = new Dictionary<string, ValidatedStage>(StringComparer.Ordinal);
        var overridesByStage = overrides.GroupBy(o => o.StageId).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);

        foreach (var o in overrides.Where(o => !ids.Contains(o.StageId)))
        {
            errors.Add(new Diagnostic(o.Location, $"--set names stage '{o.StageId}', which does not exist{NearestName.Hint(o.StageId, ids)}; stages: {string.Join(", ", ids)}"));
        }

        foreach (var stage in definition.Stages)
        {
            var type = _catalog.Find(stage.Uses);
            if (type is null)
            {
                errors.Add(new Diagnostic(stage.UsesLocation,
                    $"stage '{stage.Id}' uses unknown stage type '{stage.Uses}'{NearestName.Hint(stage.Uses, _catalog.TypeNames)}; registered types: {string.Join(", ", _catalog.TypeNames)}"));
            }

            foreach (var input in stage.Inputs)
            {
                CheckInput(definition, stage, type?.Descriptor, input, errors);
                if (ids.Contains(input.FromStage))
                {
                    edges.Add((input.FromStage, stage.Id));
                }
            }

            foreach (var (other, location) in stage.After)
            {
                if (!ids.Contains(other))
                {
                    errors.Add(new Diagnostic(location, $"stage '{stage.Id}' is after '{other}', which does not exist{NearestName.Hint(other, ids)}"));
                }
                else
                {
                    edges.Add((other, stage.Id));
                }
            }

            if (type is null)
            {
                continue;
            }

            foreach (var required in type.Descriptor.Inputs.Where(p => !p.Optional && stage.Inputs.All(i => i.Name != p.Name)))
            {
                errors.Add(new Diagnostic(stage.Location, $"stage '{stage.Id}' ({stage.Uses}) is missing required input '{required.Name}' (artifact type {required.ArtifactType})"));
            }

            var values = MergeOverrides(stage, overridesByStage.GetValueOrDefault(stage.Id) ?? []);
            var resolved = ParamsBinder.Bind(stage.Id, type.Descriptor.ParamsType, values, stage.ParamsLocation, errors);
            if (resolved is not null)
            {
                stages[stage.Id] = new ValidatedStage(stage, type, resolved);
            }
        }

        var graph = new PipelineGraph(ids, edges);
        foreach (var cycle in graph.FindCycles())
        {
            var first = definition.Find(cycle[0])!;
            errors.Add(new Diagnostic(first.Location, $"cycle between stages: {string.Join(" -> ", cycle)}"));
        }

        if (errors.Count > 0)
        {
            throw new PipelineValidationException(errors.OrderBy(e => e.Location.Line == 0 ? int.MaxValue : e.Location.Line).ThenBy(e => e.Location.Column).ToList());
        }

        return new ValidatedPipeline(definition, graph, stages);
    }

    private void CheckInput(PipelineDefinition definition, StageDefinition stage, Stages.Abstractions.StageDescriptor? descriptor, InputBinding input, List<Diagnostic> errors)
    {
        var expected = descriptor?.Inputs.FirstOrDefault(p => p.Name == input.Name);
        if (descriptor is not null && expected is null)
        {
            var names = descriptor.Inputs.Select(p => p.Name).ToList();
            errors.Add(new Diagnostic(input.Location,
                $"stage '{stage.Id}' ({stage.Uses}) has no input '{input.Name}'{NearestName.Hint(input.Name, names)}; its inputs: {(names.Count == 0 ? "none" : string.Join(", ", names))}"));
        }

        var source = definition.Find(input.FromStage);
        if (source is null)
        {
            var stageIds = definition.Stages.Select(s => s.Id).ToList();
            errors.Add(new Diagnostic(input.Location,
                $"input '{input.Name}' of stage '{stage.Id}' reads '{input.Reference}', but there is no stage '{input.FromStage}'{NearestName.Hint(input.FromStage, stageIds)}; stages: {string.Join(", ", stageIds)}"));
            return;
        }

        var sourceType = _catalog.Find(source.Uses)?.Descriptor;
        if (sourceType is null)
        {
            return;
        }

        var output = sourceType.Outputs.FirstOrDefault(o => o.Name == input.FromOutput);
        if (output is null)
        {
            var outputs = sourceType.Outputs.Select(o => o.Name).ToList();
            errors.Add(new Diagnostic(input.Location,
                $"input '{input.Name}' of stage '{stage.Id}' reads '{input.Reference}', but stage '{source.Id}' ({source.Uses}) has no output '{input.FromOutput}'{NearestName.Hint(input.FromOutput, outputs)}; its outputs: {string.Join(", ", outputs)}"));
            return;
        }

        if (expected is not null && expected.ArtifactType != output.ArtifactType)
        {
            errors.Add(new Diagnostic(input.Location,
                $"input '{input.Name}' of stage '{stage.Id}' expects artifact type '{expected.ArtifactType}', but '{input.Reference}' is of type '{output.ArtifactType}'"));
        }
    }

    private static Dictionary<string, ParamValue> MergeOverrides(StageDefinition stage, List<ParamOverride> overrides)
    {
        var values = new Dictionary<string, ParamValue>(stage.Params, StringComparer.Ordinal);
        foreach (var o in overrides)
        {
            var path = o.KeyPath.Split('.');
            if (path.Length == 1)
            {
                values[o.KeyPath] = new ParamValue(o.Value, o.Location);
                continue;
            }

            var root = values.TryGetValue(path[0], out var existing) && existing.Value is JsonObject obj ? (JsonObject)obj.DeepClone() : new JsonObject();
            var cursor = root;
            foreach (var part in path[1..^1])
            {
                if (cursor[part] is not JsonObject next)
                {
                    next = new JsonObject();
                    cursor[part] = next;
                }

                cursor = next;
            }

            cursor[path[^1]] = o.Value?.DeepClone();
            values[path[0]] = new ParamValue(root, o.Location);
        }

        return values;
    }
}
