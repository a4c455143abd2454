using Pipeline.Engine.Caching;
using Pipeline.Engine.Tests.Fakes;

namespace Pipeline.Engine.Tests.Caching;

public sealed class KeyLockTests
{
    [Fact]
    public async Task A_lock_left_by_a_dead_owner_is_taken_over_and_reported()
    {
        using var dir = new TempDir();
        File.WriteAllText(Path.Combine(dir.Path, "k.owner.json"), """{"RunId":"old","Pid":999999,"Host":"h","StageId":"s","Since":"2026-01-01T00:00:00Z"}""");
        LockOwner? previous = null;
        using var held = await KeyLock.AcquireAsync(dir.Path, "k", new LockOwner("new", Environment.ProcessId, "h", "s", DateTimeOffset.UtcNow), _ => { }, p => previous = p, CancellationToken.None);
        Assert.Equal("old", previous?.RunId);
        Assert.Equal("new", KeyLock.ReadOwner(held.OwnerPath)!.RunId);
    }

    [Fact]
    public async Task A_held_lock_makes_the_second_taker_wait_and_say_for_whom()
    {
        using var dir = new TempDir();
        var owner = new LockOwner("first", Environment.ProcessId, "h", "s", DateTimeOffset.UtcNow);
        var held = await KeyLock.AcquireAsync(dir.Path, "k", owner, _ => { }, _ => { }, CancellationToken.None);
        var seen = new TaskCompletionSource<LockOwner?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var waiting = KeyLock.AcquireAsync(dir.Path, "k", owner with { RunId = "second" }, o => seen.TrySetResult(o), _ => { }, CancellationToken.None);
        Assert.Equal("first", (await seen.Task)?.RunId);
        Assert.False(waiting.IsCompleted);
        held.Dispose();
        using var second = await waiting;
        Assert.Equal("second", KeyLock.ReadOwner(second.OwnerPath)!.RunId);
    }
}
