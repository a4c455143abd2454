namespace Pipeline.Stages.Download.Sources;

/// <summary>Where the dataset comes from.</summary>
public enum ArchiveSourceKind
{
    /// <summary>An http or https URL, downloaded with resume and retries.</summary>
    Http,

    /// <summary>A local archive (a <c>file://</c> URL or a plain path), read in place.</summary>
    File,

    /// <summary><c>synthetic:</c>: a generated dataset, no archive.</summary>
    Synthetic,
}
