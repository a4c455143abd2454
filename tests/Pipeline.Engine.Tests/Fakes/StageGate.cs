using System.Collections.Concurrent;

namespace Pipeline.Engine.Tests.Fakes;

/// <summary>
/// An explicit signal between a test and the <see cref="TextStage"/>s that name it (<c>gate: NAME</c>): each such
/// stage reports its arrival, then waits until <see cref="Parties"/> stages have arrived and the test has called
/// <see cref="Open"/> (or it is cancelled). Lets a test order events without sleeping.
/// </summary>
public sealed class StageGate
{
    private static readonly ConcurrentDictionary<string, StageGate> Gates = new();

    private readonly TaskCompletionSource _allArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _firstArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _arrived;

    private StageGate(string name, int parties)
    {
        Name = name;
        Parties = parties;
    }

    public string Name { get; }

    public int Parties { get; }

    public int Arrived => Volatile.Read(ref _arrived);

    /// <summary>Completes when the first stage has arrived (after it wrote its checkpoint marker).</summary>
    public Task FirstArrived => _firstArrived.Task;

    /// <summary>Completes when all <see cref="Parties"/> stages are inside the stage at once.</summary>
    public Task AllArrived => _allArrived.Task;

    /// <summary>A new gate with a unique name, for <paramref name="parties"/> stages; opened at once unless <paramref name="closed"/>.</summary>
    public static StageGate Create(int parties = 1, bool closed = true)
    {
        var gate = new StageGate("gate-" + Guid.NewGuid().ToString("N"), parties);
        if (!closed)
        {
            gate.Open();
        }

        Gates[gate.Name] = gate;
        return gate;
    }

    public static StageGate Named(string name) =>
        Gates.TryGetValue(name, out var gate) ? gate : throw new InvalidOperationException($"no gate named {name}: create it with StageGate.Create");

    public void Open() => _opened.TrySetResult();

    /// <summary>Called by a stage: reports its arrival and waits for the others and for <see cref="Open"/>.</summary>
    public async Task PassAsync(TimeSpan othersDeadline, CancellationToken cancellationToken)
    {
        _firstArrived.TrySetResult();
        if (Interlocked.Increment(ref _arrived) >= Parties)
        {
            _allArrived.TrySetResult();
        }

        try
        {
            await _allArrived.Task.WaitAsync(othersDeadline, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new Pipeline.Stages.Abstractions.StageFailedException(
                $"gate {Name}: only {Arrived} of {Parties} stages were running at once after {othersDeadline.TotalSeconds:0} s");
        }

        await _opened.Task.WaitAsync(cancellationToken);
    }
}
