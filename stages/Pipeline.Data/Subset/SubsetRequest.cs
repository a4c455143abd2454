namespace Pipeline.Data.Subset;

/// <summary>How many images to keep per split; null keeps the whole split.</summary>
public sealed record SubsetRequest(int? Unlabeled, int? Train, int? Test)
{
    /// <summary>The requested count of a split by name (null: keep all).</summary>
    public int? this[string split] => split switch
    {
        Stl10.Stl10Format.Unlabeled => Unlabeled,
        Stl10.Stl10Format.Train => Train,
        Stl10.Stl10Format.Test => Test,
        _ => null,
    };
}
