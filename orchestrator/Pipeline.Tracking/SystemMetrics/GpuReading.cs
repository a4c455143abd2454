namespace Pipeline.Tracking.SystemMetrics;

/// <summary>One NVIDIA GPU's reading; a value the driver does not report (<c>[N/A]</c>) is null and is not logged.</summary>
/// <param name="Index">The GPU's index, as nvidia-smi and MLflow number them.</param>
/// <param name="UtilizationPercent">Share of the last sample period the GPU was busy, percent.</param>
/// <param name="MemoryUsedMegabytes">Memory in use, MB (10^6 bytes, as MLflow).</param>
/// <param name="MemoryPercent">Memory in use, percent of the GPU's total.</param>
public sealed record GpuReading(int Index, double? UtilizationPercent, double? MemoryUsedMegabytes, double? MemoryPercent);
