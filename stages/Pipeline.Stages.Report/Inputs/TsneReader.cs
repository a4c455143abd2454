using System.Text;
using Pipeline.Stages.Report.Model;

namespace Pipeline.Stages.Report.Inputs;

/// <summary>Reads the t-SNE figures (all classes, superclasses, then the rest), the 3-D view and a preview of the coordinates.</summary>
internal static partial class TsneReader
{
    private const string Section = ReportSections.Tsne;
    private const int PreviewRows = 5;

    /// <summary>Fills the t-SNE figures and the 3-D view from the <c>tsne_plots</c> folder.</summary>
    public static void LoadPlots(ReportModel model, string directory)
    {
        var images = ImageFolderReader.Read(directory, Section, ReportInputs.TsnePlots, model.Notes);
        model.TsnePlots.AddRange(images.OrderBy(i => Rank(i.FileName)).ThenBy(i => i.FileName, StringComparer.Ordinal));
        var view = Path.Combine(directory, ReportInputs.Tsne3dFile);
        if (!File.Exists(view))
        {
            model.Notes.Add(Section, $"{ReportInputs.TsnePlots}/{ReportInputs.Tsne3dFile} is missing: no interactive 3-D view");
            return;
        }

        var html = File.ReadAllText(view, Encoding.UTF8);
        var references = NetworkReferences.Find(html);
        if (references.Count > 0)
        {
            // Name the hosts without scheme or attribute, so the note itself is no network reference.
            var targets = references.Select(r => SchemePrefix().Replace(r, string.Empty));
            model.Notes.Add(Section, $"{ReportInputs.Tsne3dFile} loads from the network ({string.Join(", ", targets)}); not embedded, so the report stays offline");
            return;
        }

        model.Tsne3dHtml = html;
    }

    /// <summary>Fills <see cref="ReportModel.CoordinatesPreview"/> with the first rows of coordinates.parquet.</summary>
    public static async Task LoadCoordinatesAsync(ReportModel model, string directory, CancellationToken cancellationToken)
    {
        var path = Path.Combine(directory, ReportInputs.CoordinatesFile);
        if (!File.Exists(path))
        {
            model.Notes.Add(Section, $"{ReportInputs.TsneCoordinates}/{ReportInputs.CoordinatesFile} is missing");
            return;
        }

        var table = await ParquetTable.ReadAsync(path, cancellationToken).ConfigureAwait(false);
        var columns = table.ColumnNames.Select(c => table.IsNumeric(c)
            ? table.Doubles(c)!.Select(Rendering.Format.Number).ToArray()
            : table.Strings(c)!.Select(s => s ?? string.Empty).ToArray()).ToList();
        var rows = Enumerable.Range(0, Math.Min(PreviewRows, table.RowCount))
            .Select(r => (IReadOnlyList<string>)columns.Select(c => c[r]).ToList()).ToList();
        model.CoordinatesPreview = new DataTable(table.ColumnNames, rows);
        model.Notes.Add(Section, $"{ReportInputs.CoordinatesFile}: {table.RowCount} points, columns {string.Join(", ", table.ColumnNames)} (first {rows.Count} rows shown)");
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^.*?(?:https?:)?//", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex SchemePrefix();

    private static int Rank(string fileName) => fileName switch
    {
        "all_classes.png" => 0,
        "superclasses.png" => 1,
        _ when fileName.EndsWith("_only.png", StringComparison.Ordinal) => 2,
        _ => 3,
    };
}
