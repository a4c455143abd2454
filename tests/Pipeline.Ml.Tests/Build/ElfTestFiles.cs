using Pipeline.Ml.Native;

namespace Pipeline.Ml.Tests.Build;

/// <summary>A scratch copy of the output's libLibTorchSharp.so with every weak flag cleared, i.e. as shipped.</summary>
internal sealed class ElfTestFiles : IDisposable
{
    public ElfTestFiles()
    {
        Directory = Path.Combine(Path.GetTempPath(), $"elfpatch-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(Directory);
        Library = Path.Combine(Directory, TorchNative.LibraryFileName);
        var image = ElfPatch.ElfImage.Load(Path.Combine(AppContext.BaseDirectory, TorchNative.LibraryFileName));
        foreach (var need in ElfPatch.SymbolVersioning.ReadVersionNeeds(image).Where(n => n.IsWeak))
        {
            image.WriteU16(need.FlagsOffset, (ushort)(need.Flags & ~ElfPatch.ElfConstants.VerFlgWeak));
        }
        File.WriteAllBytes(Library, image.Bytes);
    }

    public string Directory { get; }

    public string Library { get; }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
