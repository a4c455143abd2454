using Pipeline.Stages.Report.Model;

namespace Pipeline.Stages.Report.Inputs;

/// <summary>Reads the PNGs of an images input (top level of the folder, sorted by name); anything else is noted and skipped.</summary>
internal static class ImageFolderReader
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>True when <paramref name="bytes"/> start with the PNG signature.</summary>
    public static bool IsPng(ReadOnlySpan<byte> bytes) => bytes.StartsWith(PngSignature);

    /// <summary>The PNGs in <paramref name="directory"/>, as images of <paramref name="section"/>.</summary>
    public static List<ReportImage> Read(string directory, string section, string inputName, ReportNotes notes)
    {
        var images = new List<ReportImage>();
        if (!Directory.Exists(directory))
        {
            notes.Add(section, $"input '{inputName}' is wired to '{directory}', which does not exist");
            return images;
        }

        foreach (var path in Directory.EnumerateFiles(directory, "*.png").Order(StringComparer.Ordinal))
        {
            var bytes = File.ReadAllBytes(path);
            var name = Path.GetFileName(path);
            if (!IsPng(bytes))
            {
                notes.Add(section, $"{inputName}/{name} is not a PNG (wrong signature); skipped");
                continue;
            }

            images.Add(new ReportImage(section, Caption(name), name, bytes));
        }

        if (images.Count == 0)
        {
            notes.Add(section, $"input '{inputName}' has no PNG files");
        }

        return images;
    }

    /// <summary>"all_classes.png" → "all classes".</summary>
    public static string Caption(string fileName) => Path.GetFileNameWithoutExtension(fileName).Replace('_', ' ').Replace('-', ' ');
}
