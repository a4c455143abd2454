using ElfPatch;

namespace Pipeline.Ml.Tests.Build;

public class ElfImageTests
{
    [Fact]
    public void Reads_the_version_needs_readelf_shows_for_libLibTorchSharp()
    {
        using var files = new ElfTestFiles();
        var image = ElfImage.Load(files.Library);

        var needs = SymbolVersioning.ReadVersionNeeds(image);

        // readelf -V: libstdc++.so.6 needs GLIBCXX_3.4 and CXXABI_1.3 among others; libc.so.6 needs GLIBC_2.2.5.
        Assert.Contains(needs, n => n.File == "libstdc++.so.6" && n.Version == "GLIBCXX_3.4");
        Assert.Contains(needs, n => n.File == "libstdc++.so.6" && n.Version == "CXXABI_1.3");
        Assert.Contains(needs, n => n.File == "libc.so.6" && n.Version == "GLIBC_2.2.5");
        Assert.All(needs, n => Assert.False(n.IsWeak));
        Assert.Equal(needs.Count, needs.Select(n => n.Index).Distinct().Count());
    }

    [Fact]
    public void Only_ios_base_library_init_uses_GLIBCXX_3_4_32_and_no_relocation_binds_it()
    {
        using var files = new ElfTestFiles();
        var image = ElfImage.Load(files.Library);
        var need = SymbolVersioning.ReadVersionNeeds(image).Single(n => n.Version == "GLIBCXX_3.4.32");

        var symbols = SymbolVersioning.SymbolsByVersionIndex(image)[need.Index];
        var relocated = SymbolVersioning.RelocatedSymbolIndices(image);

        Assert.Equal(["_ZSt21ios_base_library_initv"], symbols.Select(s => s.Name));
        Assert.DoesNotContain(symbols[0].Index, relocated);
        Assert.NotEmpty(relocated);
    }

    [Fact]
    public void Reads_the_versions_a_library_defines()
    {
        using var files = new ElfTestFiles();
        var image = ElfImage.Load(files.Library);
        var libc = HostLibraryResolver.FromEnvironment().Resolve("libc.so.6", image.Machine);
        Assert.NotNull(libc);

        var defined = SymbolVersioning.ReadVersionDefinitions(ElfImage.Load(libc));

        Assert.Contains("GLIBC_2.2.5", defined);
        Assert.Contains("GLIBC_2.34", defined);
    }

    [Fact]
    public void Rejects_a_file_that_is_not_ELF()
    {
        var error = Assert.Throws<ElfFormatException>(() => ElfImage.Parse("#!/bin/sh\necho not elf\n"u8.ToArray().Concat(new byte[64]).ToArray(), "script.sh"));

        Assert.Contains("script.sh", error.Message);
        Assert.Contains("magic", error.Message);
    }

    [Fact]
    public void Rejects_32_bit_ELF()
    {
        var bytes = new byte[64];
        bytes[0] = 0x7f; bytes[1] = (byte)'E'; bytes[2] = (byte)'L'; bytes[3] = (byte)'F';
        bytes[4] = 1; bytes[5] = 1;

        var error = Assert.Throws<ElfFormatException>(() => ElfImage.Parse(bytes, "lib32.so"));

        Assert.Contains("ELF64", error.Message);
    }

    [Fact]
    public void Rejects_a_truncated_file_whose_section_table_is_missing()
    {
        using var files = new ElfTestFiles();
        var head = File.ReadAllBytes(files.Library)[..4096];

        var error = Assert.Throws<ElfFormatException>(() => ElfImage.Parse(head, "cut.so"));

        Assert.Contains("cut.so", error.Message);
    }
}
