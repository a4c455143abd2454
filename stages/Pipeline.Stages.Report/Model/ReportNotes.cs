namespace Pipeline.Stages.Report.Model;

/// <summary>What could not be shown, per section: a missing input, file or column. Printed where the part would be.</summary>
internal sealed class ReportNotes
{
    private readonly Dictionary<string, List<string>> _notes = [];

    /// <summary>Adds a note to <paramref name="section"/>.</summary>
    public void Add(string section, string message)
    {
        if (!_notes.TryGetValue(section, out var list))
        {
            _notes[section] = list = [];
        }

        list.Add(message);
    }

    /// <summary>The notes of <paramref name="section"/> in the order they were added.</summary>
    public IReadOnlyList<string> For(string section) => _notes.TryGetValue(section, out var list) ? list : [];

    /// <summary>Every note with its section.</summary>
    public IEnumerable<(string Section, string Message)> All() =>
        _notes.SelectMany(p => p.Value.Select(m => (p.Key, m)));
}
