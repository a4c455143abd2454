using System.Collections.Concurrent;
using Pipeline.Stages.Abstractions;

namespace Pipeline.Engine.Tests.Fakes;

/// <summary>A test stage: writes its text (and its input's text) to output 'out'; counts its executions.</summary>
public sealed class TextStage : Stage<TextParams>
{
    private readonly int _version;
    private readonly string _name;

    public TextStage(string name = "text", int version = 1)
    {
        _name = name;
        _version = version;
    }

    public static ConcurrentDictionary<string, int> Executions { get; } = new();

    public override string TypeName => _name;

    public override int Version => _version;

    public override IReadOnlyList<PortSpec> Inputs { get; } = [new("source", ArtifactTypes.Table, Optional: true)];

    public override IReadOnlyList<PortSpec> Outputs { get; } = [new("out", ArtifactTypes.Table), new("extra", ArtifactTypes.Images)];

    protected override async Task RunAsync(StageContext context, TextParams parameters, CancellationToken cancellationToken)
    {
        Executions.AddOrUpdate(context.RunId + "/" + context.StageId, 1, (_, n) => n + 1);
        var marker = Path.Combine(context.CheckpointDirectory, "started");
        var resumed = File.Exists(marker);
        File.WriteAllText(marker, "1");
        if (parameters.Fail)
        {
            throw new StageFailedException("asked to fail");
        }

        if (parameters.Gate is { } gate && !resumed)
        {
            // Generous: the deadline only ends a wait for a stage that is not going to come (a broken --jobs).
            await StageGate.Named(gate).PassAsync(TimeSpan.FromSeconds(30), cancellationToken);
        }

        var upstream = context.Inputs.TryGetValue("source", out var path) ? File.ReadAllText(Path.Combine(path, "text.txt")) : string.Empty;
        var text = string.Concat(Enumerable.Repeat(parameters.Text, parameters.Repeat)) + upstream;
        File.WriteAllText(Path.Combine(context.Output("out"), "text.txt"), text);
        File.WriteAllText(Path.Combine(context.Output("extra"), "resumed.txt"), resumed ? "yes" : "no");
        context.Reporter.LogSummary("length", text.Length);
    }
}
