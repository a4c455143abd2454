using System.Globalization;
using System.Net;
using System.Text;
using Pipeline.Stages.Report.Charts;
using Pipeline.Stages.Report.Inputs;
using Pipeline.Stages.Report.Model;

namespace Pipeline.Stages.Report.Rendering;

/// <summary>
/// Writes report.html: one self-contained page. Images are data: URIs, charts inline SVG, the 3-D t-SNE view an
/// iframe whose srcdoc holds the whole page; nothing is fetched from anywhere.
/// </summary>
internal sealed partial class HtmlReportWriter
{
    private const string PerClassFigureName = "eval-per-class";
    private const string PerClassTitle = "Per-class test accuracy (linear probe), by encoder";

    private readonly StringBuilder _html = new();
    private readonly ReportModel _model;

    private HtmlReportWriter(ReportModel model) => _model = model;

    /// <summary>The page for <paramref name="model"/>.</summary>
    public static string Render(ReportModel model) => new HtmlReportWriter(model).Build();

    private static string H(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    private string Build()
    {
        var p = _model.Params;
        _html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append($"<title>{H(p.Title)}</title>\n<style>{HtmlStyle.Css}</style>\n</head>\n<body>\n<header>\n")
            .Append($"<h1>{H(p.Title)}</h1>\n")
            .Append($"<p class=\"meta\">{H(RunStatusPointer.Lead)} <code>{H(RunStatusPointer.StatusCommand)}</code> {H(RunStatusPointer.Tail)}</p>\n");
        Headline();
        _html.Append("<nav><ul>");
        foreach (var (id, title) in ReportSections.All)
        {
            _html.Append($"<li><a href=\"#{id}\">{H(title)}</a></li>");
        }

        _html.Append("</ul></nav>\n</header>\n<main>\n");
        ParamsSection();
        PreviewsSection();
        PretrainSection();
        EvalSection();
        TsneSection();
        EnvironmentSection();
        _html.Append("</main>\n</body>\n</html>\n");
        return _html.ToString();
    }

    private void Headline()
    {
        var ours = _model.SummaryNumbers.GetValueOrDefault("test_top1", double.NaN);
        _html.Append("<div class=\"headline\">");
        Card(Format.Percent(ours), "linear-probe test top-1 (ours)", ours: true);
        foreach (var margin in _model.Margins)
        {
            Card(
                Format.MarginPoints(margin.Margin),
                $"{margin.Probe} over the best baseline: ours {Format.Percent(margin.Ours)}, {margin.BestBaseline} {Format.Percent(margin.BestBaselineTop1)}",
                ours: true);
        }

        Card(Format.Percent(_model.Params.ReferenceTop1), $"for reference only (another run, not a baseline): {_model.Params.ReferenceLabel}", ours: false);
        _html.Append("</div>\n");
        if (_model.Margins.Count > 0)
        {
            _html.Append($"<p class=\"verdict\">{H(HeadlineText.Verdict(_model.Margins))}</p>\n");
        }
    }

    private void Card(string value, string label, bool ours) =>
        _html.Append($"<div class=\"card\"><div class=\"value{(ours ? " ours" : string.Empty)}\">{H(value)}</div><div class=\"label\">{H(label)}</div></div>");

    private void Section(string id)
    {
        var title = ReportSections.All.First(s => s.Id == id).Title;
        _html.Append($"<section id=\"{id}\">\n<h2>{H(title)}</h2>\n");
    }

    private void EndSection(string id)
    {
        Notes(id);
        _html.Append("</section>\n");
    }

    private void Notes(string id)
    {
        var notes = _model.Notes.For(id);
        if (notes.Count > 0)
        {
            _html.Append("<ul class=\"notes\">");
            foreach (var note in notes)
            {
                _html.Append($"<li>{H(note)}</li>");
            }

            _html.Append("</ul>\n");
        }
    }

    private void Table(IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<string>> rows, string? cssClass = null)
    {
        _html.Append(cssClass is null ? "<table>" : $"<table class=\"{cssClass}\">");
        if (columns.Any(c => c.Length > 0))
        {
            _html.Append("<thead><tr>");
            foreach (var column in columns)
            {
                _html.Append($"<th>{H(column)}</th>");
            }

            _html.Append("</tr></thead>");
        }

        _html.Append("<tbody>");
        foreach (var row in rows)
        {
            _html.Append("<tr>");
            foreach (var cell in row)
            {
                var numeric = NumericCell().IsMatch(cell);
                _html.Append(numeric ? $"<td class=\"num\">{H(cell)}</td>" : $"<td>{H(cell)}</td>");
            }

            _html.Append("</tr>");
        }

        _html.Append("</tbody></table>\n");
    }

    private void Facts(IEnumerable<KeyValuePair<string, string>> facts) =>
        Table(["", ""], facts.Select(f => (IReadOnlyList<string>)[f.Key, f.Value]));

    private void Gallery(IEnumerable<ReportImage> images)
    {
        _html.Append("<div class=\"gallery\">");
        foreach (var image in images)
        {
            _html.Append($"<figure><img src=\"{image.DataUri}\" alt=\"{H(image.Caption)}\"><figcaption>{H(image.Caption)} <span class=\"small\">({H(image.FileName)})</span></figcaption></figure>");
        }

        _html.Append("</div>\n");
    }

    private void Chart(string svg) => _html.Append($"<div class=\"chart\">{svg}</div>\n");

    /// <summary>A collapsed section: detail that belongs to the record, not to the main flow.</summary>
    private void Details(string summary, Action body)
    {
        _html.Append($"<details><summary>{H(summary)}</summary>\n");
        body();
        _html.Append("</details>\n");
    }

    private void ParamsSection()
    {
        Section(ReportSections.Params);
        _html.Append("<h3>Params of this report</h3>\n");
        Facts(new[]
        {
            KeyValuePair.Create("title", _model.Params.Title),
            KeyValuePair.Create("reference_top1", Format.Number(_model.Params.ReferenceTop1)),
            KeyValuePair.Create("reference_label", _model.Params.ReferenceLabel),
        });
        _html.Append("<h3>Inputs of this report</h3>\n");
        Table(
            ["input", "type", "wired", "what it holds"],
            _model.Inputs.Select(i => (IReadOnlyList<string>)[i.Name, i.ArtifactType, i.Wired ? "yes" : "no", i.Description]));
        EndSection(ReportSections.Params);
    }

    private void PreviewsSection()
    {
        Section(ReportSections.Previews);
        if (_model.Previews.Count > 0)
        {
            _html.Append("<p>Each image shows views produced by one augmentation variant of the SimCLR transform.</p>\n");
            Gallery(_model.Previews);
        }

        EndSection(ReportSections.Previews);
    }

    private void PretrainSection()
    {
        Section(ReportSections.Pretrain);
        if (_model.History is { } history)
        {
            var facts = new List<KeyValuePair<string, string>> { new("history rows", history.Rows.ToString(CultureInfo.InvariantCulture)) };
            var perEpoch = history.LossPerEpoch();
            if (perEpoch.Count > 0)
            {
                facts.Add(new("epochs", perEpoch.Count.ToString(CultureInfo.InvariantCulture)));
                facts.Add(new("mean loss, first epoch", Format.Number(perEpoch[0].MeanLoss)));
                facts.Add(new("mean loss, last epoch", Format.Number(perEpoch[^1].MeanLoss)));
            }

            if (history.ImagesPerSecond is { } ips && ips.Where(double.IsFinite).ToList() is { Count: > 0 } finite)
            {
                facts.Add(new("mean throughput (images/s)", Format.Number(finite.Average())));
            }

            Facts(facts);
            foreach (var chart in _model.PretrainCharts)
            {
                Chart(SvgFigure.Inline(LineChart.Figure(chart)));
            }
        }

        if (_model.EncoderFacts.Count > 0)
        {
            _html.Append("<h3>Encoder</h3>\n");
            Facts(_model.EncoderFacts);
        }

        EndSection(ReportSections.Pretrain);
    }

    private void EvalSection()
    {
        Section(ReportSections.Eval);
        _html.Append("<h3>Test accuracy</h3>\n");
        Table(
            ["model", "top-1", "top-5", "top-1 vs the best baseline", "source"],
            _model.Headline.Select(r => (IReadOnlyList<string>)
                [r.Label, Format.Percent(r.Top1), Format.Percent(r.Top5), HeadlineText.VersusBestBaseline(r, _model.Margins), r.Source]));
        Chart(SvgFigure.Inline(AccuracyBarChart.Figure("eval-top1", "Test top-1 accuracy", _model.Headline)));
        if (_model.SummaryText.Count > 0)
        {
            Details($"All summary metrics ({_model.SummaryText.Count.ToString(CultureInfo.InvariantCulture)}, from summary.json)", () =>
                Facts(_model.SummaryText.Select(s => KeyValuePair.Create(s.Key, _model.SummaryNumbers.TryGetValue(s.Key, out var v) && Accuracy.IsAccuracyKey(s.Key) ? $"{Format.Percent(v)} ({s.Value})" : s.Value))));
        }

        foreach (var curve in _model.EvalCurves)
        {
            Chart(SvgFigure.Inline(LineChart.Figure(curve)));
        }

        var plots = _model.EvalPlots;
        if (plots.Count > 0)
        {
            _html.Append("<h3>Linear-eval figures</h3>\n");
            Gallery(plots);
        }

        if (_model.PerClassAccuracy is { } perClassAccuracy)
        {
            _html.Append("<h3>Per-class accuracy</h3>\n");
            Chart(SvgFigure.Inline(PerClassChart.Figure(PerClassFigureName, PerClassTitle, perClassAccuracy)));
            var pivot = PerClassTable.Pivot(perClassAccuracy);
            Table(pivot.Columns, pivot.Rows);
        }

        if (_model.PerClass is { } perClass)
        {
            Details($"Per-class table as in metrics.parquet ({perClass.Rows.Count.ToString(CultureInfo.InvariantCulture)} rows)", () => Table(perClass.Columns, perClass.Rows));
        }

        if (_model.Confusion is { } confusion)
        {
            ConfusionTable(confusion);
        }

        EndSection(ReportSections.Eval);
    }

    private void ConfusionTable(ConfusionMatrix confusion)
    {
        var n = confusion.ClassNames.Count;
        _html.Append($"<h3>Confusion matrix (from predictions.parquet)</h3>\n<p class=\"small\">Rows: true class; columns: predicted class; shading: share of the row. {confusion.Total.ToString(CultureInfo.InvariantCulture)} predictions, accuracy {Format.Percent(confusion.Accuracy)}.</p>\n");
        _html.Append("<table class=\"confusion\"><thead><tr><th>true \\ predicted</th>");
        foreach (var name in confusion.ClassNames)
        {
            _html.Append($"<th>{H(name)}</th>");
        }

        _html.Append("</tr></thead><tbody>");
        for (var r = 0; r < n; r++)
        {
            var rowTotal = Math.Max(1, confusion.RowTotal(r));
            _html.Append($"<tr><th>{H(confusion.ClassNames[r])}</th>");
            for (var c = 0; c < n; c++)
            {
                var share = (double)confusion.Counts[r, c] / rowTotal;
                var color = r == c ? "0,114,178" : "213,94,0";
                _html.Append($"<td style=\"background:rgba({color},{share.ToString("0.###", CultureInfo.InvariantCulture)})\">{confusion.Counts[r, c].ToString(CultureInfo.InvariantCulture)}</td>");
            }

            _html.Append("</tr>");
        }

        _html.Append("</tbody></table>\n");
    }

    private void TsneSection()
    {
        Section(ReportSections.Tsne);
        if (_model.TsnePlots.Count > 0)
        {
            Gallery(_model.TsnePlots);
        }

        if (_model.Tsne3dHtml is { } view)
        {
            _html.Append("<h3>Interactive 3-D view</h3>\n<p class=\"small\">Drag to rotate. The view is embedded whole (its page in the frame's srcdoc), so it works offline.</p>\n");
            _html.Append($"<iframe class=\"view3d\" title=\"t-SNE 3-D view\" srcdoc=\"{H(view)}\"></iframe>\n");
        }

        if (_model.CoordinatesPreview is { } coordinates)
        {
            _html.Append("<h3>Coordinates (first rows)</h3>\n");
            Table(coordinates.Columns, coordinates.Rows);
        }

        EndSection(ReportSections.Tsne);
    }

    private void EnvironmentSection()
    {
        Section(ReportSections.Environment);
        Facts(_model.Environment);
        EndSection(ReportSections.Environment);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^[+-]?\d[\d.,]*(?:e[+-]?\d+)?(?:%| pp)?$", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex NumericCell();
}
