namespace Pipeline.EndToEnd.Tests.Tracking;

/// <summary>A clock that moves only when the test says so.</summary>
internal sealed class ManualTime(DateTimeOffset now) : TimeProvider
{
    private DateTimeOffset _now = now;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Set(DateTimeOffset now) => _now = now;
}
