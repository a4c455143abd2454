namespace Pipeline.Engine.Ledger;

/// <summary>
/// The lock file of a pipeline (as DVC's dvc.lock): per stage id, what its current outputs were made from.
/// Stored at <c>&lt;artifacts&gt;/state/&lt;pipeline&gt;.json</c>.
/// </summary>
public sealed class PipelineState
{
    private readonly Lock _gate = new();
    private readonly string _path;
    private readonly Dictionary<string, StageState> _stages;

    private PipelineState(string path, Dictionary<string, StageState> stages)
    {
        _path = path;
        _stages = stages;
    }

    /// <summary>Loads the state of <paramref name="pipeline"/> (empty when none).</summary>
    public static PipelineState Load(string artifactsRoot, string pipeline)
    {
        var path = Path.Combine(artifactsRoot, "state", pipeline + ".json");
        var stages = JsonFiles.TryRead<Dictionary<string, StageState>>(path) ?? [];
        return new PipelineState(path, new Dictionary<string, StageState>(stages, StringComparer.Ordinal));
    }

    /// <summary>The recorded state of <paramref name="stageId"/>, or null.</summary>
    public StageState? Get(string stageId)
    {
        lock (_gate)
        {
            return _stages.GetValueOrDefault(stageId);
        }
    }

    /// <summary>Records <paramref name="state"/> for <paramref name="stageId"/> and saves atomically, merging with what other runs saved.</summary>
    public void Set(string stageId, StageState state)
    {
        lock (_gate)
        {
            var onDisk = JsonFiles.TryRead<Dictionary<string, StageState>>(_path) ?? [];
            foreach (var (id, s) in onDisk)
            {
                _stages.TryAdd(id, s);
            }

            _stages[stageId] = state;
            JsonFiles.Write(_path, _stages);
        }
    }
}
