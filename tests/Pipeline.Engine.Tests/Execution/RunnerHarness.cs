using Pipeline.Engine.Caching;
using Pipeline.Engine.Execution;
using Pipeline.Engine.Ledger;
using Pipeline.Engine.Planning;
using Pipeline.Engine.Tests.Fakes;
using Pipeline.Engine.Validation;

namespace Pipeline.Engine.Tests.Execution;

public sealed class RunnerHarness : IDisposable
{
    private readonly TempDir _dir = new();

    public string Artifacts => Path.Combine(_dir.Path, "artifacts");

    public ValidatedPipeline Load(string yaml, int textVersion = 1, params string[] sets) =>
        new PipelineValidator(TestCatalog.Create(textVersion)).LoadText(yaml, "p.yaml", sets.Select((s, i) => ParamOverride.Parse(s, i + 1, out _)!).ToList());

    public async Task<(int Code, RecordingObserver Observer, RunRecord Record)> RunAsync(ValidatedPipeline pipeline, RunOptions? options = null, int textVersion = 1, RecordingObserver? observer = null, CancellationToken cancellationToken = default)
    {
        observer ??= new RecordingObserver();
        var runner = new PipelineRunner(new ArtifactStore(Artifacts), new InProcessExecutor(TestCatalog.Create(textVersion)), observer);
        var code = await runner.RunAsync(pipeline, options ?? new RunOptions(), cancellationToken);
        return (code, observer, runner.Ledger!.Record);
    }

    public IReadOnlyList<PlanEntry> Plan(ValidatedPipeline pipeline, PlanOptions? options = null) =>
        Planner.Plan(pipeline, new ArtifactStore(Artifacts), PipelineState.Load(Path.GetFullPath(Artifacts), pipeline.Definition.Name), options ?? new PlanOptions());

    public string OutputText(RunRecord record, string stage) =>
        File.ReadAllText(Path.Combine(Artifacts, "cache", record.Stages.Single(s => s.Id == stage).Key!, "out", "text.txt"));

    public void Dispose() => _dir.Dispose();
}
