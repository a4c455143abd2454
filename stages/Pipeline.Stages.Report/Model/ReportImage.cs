namespace Pipeline.Stages.Report.Model;

/// <summary>A PNG found in an input folder: its section, a caption, the file name, and its bytes.</summary>
internal sealed record ReportImage(string Section, string Caption, string FileName, byte[] Bytes)
{
    /// <summary>The name of its copy beside report.md (unique across sections).</summary>
    public string FigureName => $"{Section}-{FileName}";

    /// <summary>The image as a data: URI.</summary>
    public string DataUri => "data:image/png;base64," + Convert.ToBase64String(Bytes);
}
