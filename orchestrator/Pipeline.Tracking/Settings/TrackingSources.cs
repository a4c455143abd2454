namespace Pipeline.Tracking.Settings;

/// <summary>
/// The non-environment inputs to settings resolution: the CLI flag and what the pipeline YAML says.
/// </summary>
/// <param name="PipelineName">The pipeline's <c>name</c>; the experiment name of last resort.</param>
/// <param name="CommandLineUri">The CLI's <c>--tracking-uri</c>, if given.</param>
/// <param name="PipelineTrackingUri">The pipeline's <c>tracking_uri</c>, if set.</param>
/// <param name="PipelineExperiment">The pipeline's <c>experiment</c>, if set.</param>
/// <param name="BaseDirectory">Folder that relative store paths resolve against; the current directory when null.</param>
public sealed record TrackingSources(
    string PipelineName,
    string? CommandLineUri = null,
    string? PipelineTrackingUri = null,
    string? PipelineExperiment = null,
    string? BaseDirectory = null);
