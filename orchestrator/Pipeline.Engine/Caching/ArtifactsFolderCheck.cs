namespace Pipeline.Engine.Caching;

/// <summary>
/// Checks before anything runs that the artifacts folder can be a folder: neither it nor any folder above it
/// may be a regular file (else every write fails later with "Could not find a part of the path").
/// </summary>
public static class ArtifactsFolderCheck
{
    /// <summary>Why <paramref name="artifacts"/> cannot be the artifacts folder, or null when it can.</summary>
    public static string? Problem(string artifacts)
    {
        string full;
        try
        {
            full = Path.GetFullPath(artifacts);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return $"'{artifacts}' is not a usable path: {e.Message}";
        }

        for (var path = full; !string.IsNullOrEmpty(path); path = Path.GetDirectoryName(path))
        {
            if (File.Exists(path))
            {
                return path == full
                    ? $"'{artifacts}' is a file, not a folder; give a folder (it is created if missing)"
                    : $"'{artifacts}' is under '{path}', which is a file, not a folder; give a folder path";
            }

            if (Directory.Exists(path))
            {
                return null;
            }
        }

        return null;
    }
}
