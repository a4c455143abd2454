namespace Pipeline.Data.FashionMnist;

/// <summary>Reads a whole IDX labels file (magic 0x00000801, then count, then one byte per label); labels files are small.</summary>
public static class IdxLabelReader
{
    /// <summary>The labels of <paramref name="path"/> (plain or <c>.gz</c>) as stored (Fashion-MNIST: 0..9); a bad file throws <see cref="InvalidDataException"/> naming it.</summary>
    public static byte[] ReadAll(string path)
    {
        using var stream = IdxFormat.OpenRead(path);
        var count = IdxFormat.ReadHeader(stream, path, IdxFormat.LabelsMagic, 1)[0];
        var labels = new byte[count];
        var read = IdxFormat.ReadFully(stream, labels, path);
        if (read < count)
        {
            throw new InvalidDataException($"{path}: the file holds {read} labels but its header announces {count}; it is truncated");
        }

        IdxFormat.ExpectEnd(stream, path, $"{count} labels");
        return labels;
    }
}
