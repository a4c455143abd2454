namespace ElfPatch;

/// <summary>The file is not a well-formed little-endian ELF64 object, or a table points outside it.</summary>
public sealed class ElfFormatException : Exception
{
    /// <summary>Creates the exception with a message that names the file and the broken structure.</summary>
    public ElfFormatException(string message) : base(message)
    {
    }

    /// <summary>Creates an exception with no message.</summary>
    public ElfFormatException()
    {
    }

    /// <summary>Creates the exception wrapping a lower-level failure.</summary>
    public ElfFormatException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
