namespace Pipeline.Engine.Execution;

/// <summary>How to start a stage process: the program and the arguments before <c>stage-host &lt;request&gt;</c>.</summary>
public sealed record HostCommand(string FileName, IReadOnlyList<string> PrefixArguments);
