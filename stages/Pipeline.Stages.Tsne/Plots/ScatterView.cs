namespace Pipeline.Stages.Tsne.Plots;

/// <summary>
/// What one figure shows: the points (row-major, <see cref="Components"/> per point), the category of each point,
/// and the categories in legend order.
/// </summary>
public sealed record ScatterView(string Title, float[] Points, int Components, int[] CategoryOfPoint, IReadOnlyList<Category> Categories)
{
    /// <summary>Number of points.</summary>
    public int Count => CategoryOfPoint.Length;
}
