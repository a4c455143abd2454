namespace Pipeline.Stages.Abstractions;

/// <summary>A params validation error: the snake_case key (dotted for nested values) and what is wrong.</summary>
public sealed record ParamError(string Key, string Message);
