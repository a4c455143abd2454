namespace Pipeline.Stages.Abstractions;

/// <summary>
/// Marks a param that changes how a stage runs, not what it computes (threads, device, logging and checkpoint
/// intervals, network timeouts): it is left out of the cache key, so changing it keeps the cache entry and lets an
/// interrupted stage resume from its checkpoint, and it is still recorded in the ledger and MLflow. It may change
/// floating-point rounding (as a different CPU does), never what is computed. See docs/caching.md.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class OperationalAttribute : Attribute
{
}
