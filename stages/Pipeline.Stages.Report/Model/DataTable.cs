namespace Pipeline.Stages.Report.Model;

/// <summary>A table to print as-is: column names and formatted cells.</summary>
internal sealed record DataTable(IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows);
