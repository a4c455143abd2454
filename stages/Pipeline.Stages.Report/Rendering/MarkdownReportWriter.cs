using System.Globalization;
using System.Text;
using Pipeline.Stages.Report.Charts;
using Pipeline.Stages.Report.Inputs;
using Pipeline.Stages.Report.Model;

namespace Pipeline.Stages.Report.Rendering;

/// <summary>
/// Writes report.md with the same numbers as the HTML page. Figures are files beside it (PNG copies, the charts as
/// standalone SVG, the 3-D view as its own HTML) under <see cref="FiguresFolder"/>, linked relatively.
/// </summary>
internal sealed class MarkdownReportWriter
{
    /// <summary>The folder beside report.md that holds the figures.</summary>
    public const string FiguresFolder = "figures";

    private readonly StringBuilder _md = new();
    private readonly Dictionary<string, byte[]> _files = [];
    private readonly ReportModel _model;

    private MarkdownReportWriter(ReportModel model) => _model = model;

    /// <summary>The Markdown text and the figure files (path relative to report.md, bytes).</summary>
    public static (string Markdown, IReadOnlyDictionary<string, byte[]> Files) Render(ReportModel model)
    {
        var writer = new MarkdownReportWriter(model);
        return (writer.Build(), writer._files);
    }

    private static string Cell(string? text) => (text ?? string.Empty).Replace("|", "\\|", StringComparison.Ordinal).Replace('\n', ' ').Replace('\r', ' ');

    private string Build()
    {
        var p = _model.Params;
        _md.Append($"# {p.Title}\n\n");
        _md.Append($"{RunStatusPointer.Lead} `{RunStatusPointer.StatusCommand}` {RunStatusPointer.Tail}\n\n");
        var ours = _model.SummaryNumbers.GetValueOrDefault("test_top1", double.NaN);
        _md.Append($"**Linear-probe test top-1 (ours): {Format.Percent(ours)}.**");
        if (_model.Margins.Count > 0)
        {
            _md.Append($" **{HeadlineText.Verdict(_model.Margins)}**");
        }

        _md.Append($"\n\nFor reference only (another run, not a baseline): {p.ReferenceLabel}: {Format.Percent(p.ReferenceTop1)}.\n\n");
        Params();
        Previews();
        Pretrain();
        Eval();
        Tsne();
        Heading(ReportSections.Environment);
        Facts(_model.Environment);
        Notes(ReportSections.Environment);
        return _md.ToString();
    }

    private void Heading(string id) => _md.Append($"## {ReportSections.All.First(s => s.Id == id).Title}\n\n");

    private void Notes(string id)
    {
        foreach (var note in _model.Notes.For(id))
        {
            _md.Append($"> Note: {note.Replace('\n', ' ')}\n>\n");
        }

        if (_model.Notes.For(id).Count > 0)
        {
            _md.Length -= 2;
            _md.Append('\n');
        }
    }

    private void Table(IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<string>> rows)
    {
        _md.Append("| ").Append(string.Join(" | ", columns.Select(Cell))).Append(" |\n");
        _md.Append('|').Append(string.Concat(columns.Select(_ => " --- |"))).Append('\n');
        foreach (var row in rows)
        {
            _md.Append("| ").Append(string.Join(" | ", row.Select(Cell))).Append(" |\n");
        }

        _md.Append('\n');
    }

    private void Facts(IEnumerable<KeyValuePair<string, string>> facts) =>
        Table(["", ""], facts.Select(f => (IReadOnlyList<string>)[f.Key, f.Value]));

    private void Images(IEnumerable<ReportImage> images)
    {
        foreach (var image in images)
        {
            var path = $"{FiguresFolder}/{image.FigureName}";
            _files[path] = image.Bytes;
            _md.Append($"![{Cell(image.Caption)}]({path})\n\n*{image.Caption}* (`{image.FileName}`)\n\n");
        }
    }

    private void Svg(ChartFigure figure)
    {
        var path = $"{FiguresFolder}/{figure.Name}.svg";
        _files[path] = new UTF8Encoding(false).GetBytes(SvgFigure.Standalone(figure));
        _md.Append($"![{Cell(figure.Title)}]({path})\n\n");
    }

    /// <summary>A collapsed section (GitHub renders &lt;details&gt; in Markdown); blank lines keep the table inside Markdown.</summary>
    private void Details(string summary, Action body)
    {
        _md.Append($"<details><summary>{System.Net.WebUtility.HtmlEncode(summary)}</summary>\n\n");
        body();
        _md.Append("</details>\n\n");
    }

    private void Params()
    {
        Heading(ReportSections.Params);
        _md.Append("### Params of this report\n\n");
        Facts(new[]
        {
            KeyValuePair.Create("title", _model.Params.Title),
            KeyValuePair.Create("reference_top1", Format.Number(_model.Params.ReferenceTop1)),
            KeyValuePair.Create("reference_label", _model.Params.ReferenceLabel),
        });
        _md.Append("### Inputs of this report\n\n");
        Table(["input", "type", "wired", "what it holds"], _model.Inputs.Select(i => (IReadOnlyList<string>)[i.Name, i.ArtifactType, i.Wired ? "yes" : "no", i.Description]));
        Notes(ReportSections.Params);
    }

    private void Previews()
    {
        Heading(ReportSections.Previews);
        Images(_model.Previews);
        Notes(ReportSections.Previews);
    }

    private void Pretrain()
    {
        Heading(ReportSections.Pretrain);
        if (_model.History is { } history)
        {
            var perEpoch = history.LossPerEpoch();
            if (perEpoch.Count > 0)
            {
                Table(["epoch", "mean loss", "steps"], perEpoch.Select(e => (IReadOnlyList<string>)[Format.Number(e.Epoch), Format.Number(e.MeanLoss), e.Steps.ToString(CultureInfo.InvariantCulture)]));
            }

            foreach (var chart in _model.PretrainCharts)
            {
                Svg(LineChart.Figure(chart));
            }
        }

        if (_model.EncoderFacts.Count > 0)
        {
            _md.Append("### Encoder\n\n");
            Facts(_model.EncoderFacts);
        }

        Notes(ReportSections.Pretrain);
    }

    private void Eval()
    {
        Heading(ReportSections.Eval);
        _md.Append("### Test accuracy\n\n");
        Table(
            ["model", "top-1", "top-5", "top-1 vs the best baseline"],
            _model.Headline.Select(r => (IReadOnlyList<string>)
                [r.Label, Format.Percent(r.Top1), Format.Percent(r.Top5), HeadlineText.VersusBestBaseline(r, _model.Margins)]));
        Svg(AccuracyBarChart.Figure("eval-top1", "Test top-1 accuracy", _model.Headline));
        if (_model.SummaryText.Count > 0)
        {
            Details($"All summary metrics ({_model.SummaryText.Count.ToString(CultureInfo.InvariantCulture)}, from summary.json)", () => Facts(_model.SummaryText));
        }

        foreach (var curve in _model.EvalCurves)
        {
            Svg(LineChart.Figure(curve));
        }

        Images(_model.EvalPlots);
        if (_model.PerClassAccuracy is { } perClassAccuracy)
        {
            _md.Append("### Per-class accuracy\n\n");
            Svg(PerClassChart.Figure("eval-per-class", "Per-class test accuracy (linear probe), by encoder", perClassAccuracy));
            var pivot = PerClassTable.Pivot(perClassAccuracy);
            Table(pivot.Columns, pivot.Rows);
        }

        if (_model.PerClass is { } perClass)
        {
            Details($"Per-class table as in metrics.parquet ({perClass.Rows.Count.ToString(CultureInfo.InvariantCulture)} rows)", () => Table(perClass.Columns, perClass.Rows));
        }

        if (_model.Confusion is { } confusion)
        {
            _md.Append($"### Confusion matrix (from predictions.parquet)\n\nRows: true class; columns: predicted. {confusion.Total.ToString(CultureInfo.InvariantCulture)} predictions, accuracy {Format.Percent(confusion.Accuracy)}.\n\n");
            var n = confusion.ClassNames.Count;
            Table(
                ["true \\ predicted", .. confusion.ClassNames],
                Enumerable.Range(0, n).Select(r => (IReadOnlyList<string>)[confusion.ClassNames[r], .. Enumerable.Range(0, n).Select(c => confusion.Counts[r, c].ToString(CultureInfo.InvariantCulture))]));
        }

        Notes(ReportSections.Eval);
    }

    private void Tsne()
    {
        Heading(ReportSections.Tsne);
        Images(_model.TsnePlots);
        if (_model.Tsne3dHtml is { } view)
        {
            var path = $"{FiguresFolder}/{ReportInputs.Tsne3dFile}";
            _files[path] = new UTF8Encoding(false).GetBytes(view);
            _md.Append($"Interactive 3-D view: [{ReportInputs.Tsne3dFile}]({path}) (open in a browser).\n\n");
        }

        if (_model.CoordinatesPreview is { } coordinates)
        {
            Table(coordinates.Columns, coordinates.Rows);
        }

        Notes(ReportSections.Tsne);
    }
}
