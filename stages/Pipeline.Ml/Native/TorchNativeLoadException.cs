namespace Pipeline.Ml.Native;

/// <summary>TorchSharp's native library could not be loaded; the message carries the dynamic loader's own reason.</summary>
public sealed class TorchNativeLoadException : Exception
{
    /// <summary>Creates the exception with a message that says what failed, why, and what to do.</summary>
    public TorchNativeLoadException(string message) : base(message)
    {
    }

    /// <summary>Creates an exception with no message.</summary>
    public TorchNativeLoadException()
    {
    }

    /// <summary>Creates the exception wrapping the loader's failure.</summary>
    public TorchNativeLoadException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
