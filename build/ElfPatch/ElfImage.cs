using System.Buffers.Binary;
using System.Text;

namespace ElfPatch;

/// <summary>
/// A little-endian ELF64 file held in memory with its section header table parsed
/// (System V gABI, "ELF Header" and "Sections"). Every read is bounds-checked.
/// </summary>
public sealed class ElfImage
{
    private const int HeaderSize = 64;
    private const int SectionHeaderSize = 64;

    private ElfImage(string name, byte[] bytes, ushort machine, IReadOnlyList<ElfSection> sections)
    {
        Name = name;
        Bytes = bytes;
        Machine = machine;
        Sections = sections;
    }

    /// <summary>The file name, used in messages.</summary>
    public string Name { get; }

    /// <summary>The whole file; patches write into this array.</summary>
    public byte[] Bytes { get; }

    /// <summary><c>e_machine</c>, e.g. 62 for x86-64.</summary>
    public ushort Machine { get; }

    /// <summary>The section header table in file order.</summary>
    public IReadOnlyList<ElfSection> Sections { get; }

    /// <summary>Reads and parses a file.</summary>
    public static ElfImage Load(string path) => Parse(File.ReadAllBytes(path), path);

    /// <summary>Parses the ELF64 header and section header table of <paramref name="bytes"/>.</summary>
    /// <exception cref="ElfFormatException">Not ELF64 little-endian, or a header points outside the file.</exception>
    public static ElfImage Parse(byte[] bytes, string name)
    {
        if (bytes.Length < HeaderSize || bytes[0] != 0x7f || bytes[1] != (byte)'E' || bytes[2] != (byte)'L' || bytes[3] != (byte)'F')
        {
            throw new ElfFormatException($"{name}: not an ELF file (bad magic).");
        }
        if (bytes[4] != 2 || bytes[5] != 1)
        {
            throw new ElfFormatException($"{name}: only little-endian ELF64 is supported (EI_CLASS={bytes[4]}, EI_DATA={bytes[5]}).");
        }

        ReadOnlySpan<byte> header = bytes.AsSpan(0, HeaderSize);
        var machine = BinaryPrimitives.ReadUInt16LittleEndian(header[18..]);
        var sectionTableOffset = checked((long)BinaryPrimitives.ReadUInt64LittleEndian(header[40..]));
        var sectionHeaderSize = BinaryPrimitives.ReadUInt16LittleEndian(header[58..]);
        long sectionCount = BinaryPrimitives.ReadUInt16LittleEndian(header[60..]);
        int nameTableIndex = BinaryPrimitives.ReadUInt16LittleEndian(header[62..]);

        if (sectionTableOffset == 0)
        {
            throw new ElfFormatException($"{name}: the file has no section header table.");
        }
        if (sectionHeaderSize != SectionHeaderSize)
        {
            throw new ElfFormatException($"{name}: e_shentsize is {sectionHeaderSize}, expected {SectionHeaderSize}.");
        }

        var raw = new List<RawSection>();
        var first = ReadRawSection(bytes, name, sectionTableOffset);
        // Extended numbering (gABI): counts that do not fit 16 bits live in section 0.
        if (sectionCount == 0)
        {
            sectionCount = first.Size;
        }
        if (nameTableIndex == 0xffff)
        {
            nameTableIndex = first.Link;
        }
        if (sectionCount <= 0 || sectionCount > (bytes.Length - sectionTableOffset) / SectionHeaderSize)
        {
            throw new ElfFormatException($"{name}: section header table ({sectionCount} entries at 0x{sectionTableOffset:x}) runs past the end of the file.");
        }
        for (var i = 0; i < sectionCount; i++)
        {
            raw.Add(ReadRawSection(bytes, name, sectionTableOffset + ((long)i * SectionHeaderSize)));
        }
        if (nameTableIndex >= raw.Count)
        {
            throw new ElfFormatException($"{name}: e_shstrndx {nameTableIndex} is not a section.");
        }

        var sections = new List<ElfSection>(raw.Count);
        for (var i = 0; i < raw.Count; i++)
        {
            var r = raw[i];
            if (r.Type != 8 /* SHT_NOBITS */ && (r.Offset < 0 || r.Size < 0 || r.Offset + r.Size > bytes.Length))
            {
                throw new ElfFormatException($"{name}: section {i} (type 0x{r.Type:x}) at 0x{r.Offset:x}+0x{r.Size:x} runs past the end of the file.");
            }
            var sectionName = ReadCString(bytes, name, raw[nameTableIndex], r.NameOffset);
            sections.Add(new ElfSection(i, sectionName, r.Type, r.Offset, r.Size, r.Link, r.Info, r.EntrySize));
        }
        return new ElfImage(name, bytes, machine, sections);
    }

    /// <summary>The first section of the given type, or null.</summary>
    public ElfSection? FindSection(uint type) => Sections.FirstOrDefault(s => s.Type == type);

    /// <summary>Reads a NUL-terminated string at <paramref name="offset"/> inside string table <paramref name="table"/>.</summary>
    public string ReadString(ElfSection table, long offset) =>
        ReadCString(Bytes, Name, new RawSection(0, 3, table.Offset, table.Size, 0, 0, 0), offset);

    /// <summary>Little-endian <c>uint16</c> at an absolute file offset, bounds-checked.</summary>
    public ushort U16(long at) => BinaryPrimitives.ReadUInt16LittleEndian(Slice(at, 2));

    /// <summary>Little-endian <c>uint32</c> at an absolute file offset, bounds-checked.</summary>
    public uint U32(long at) => BinaryPrimitives.ReadUInt32LittleEndian(Slice(at, 4));

    /// <summary>Little-endian <c>uint64</c> at an absolute file offset, bounds-checked.</summary>
    public ulong U64(long at) => BinaryPrimitives.ReadUInt64LittleEndian(Slice(at, 8));

    /// <summary>Writes a little-endian <c>uint16</c> at an absolute file offset, bounds-checked.</summary>
    public void WriteU16(long at, ushort value)
    {
        CheckRange(at, 2);
        BinaryPrimitives.WriteUInt16LittleEndian(Bytes.AsSpan((int)at, 2), value);
    }

    private ReadOnlySpan<byte> Slice(long at, int length)
    {
        CheckRange(at, length);
        return Bytes.AsSpan((int)at, length);
    }

    private void CheckRange(long at, int length)
    {
        if (at < 0 || at + length > Bytes.Length)
        {
            throw new ElfFormatException($"{Name}: read of {length} bytes at 0x{at:x} is outside the file ({Bytes.Length} bytes).");
        }
    }

    private static RawSection ReadRawSection(byte[] bytes, string name, long at)
    {
        if (at < 0 || at + SectionHeaderSize > bytes.Length)
        {
            throw new ElfFormatException($"{name}: section header at 0x{at:x} is outside the file.");
        }
        ReadOnlySpan<byte> s = bytes.AsSpan((int)at, SectionHeaderSize);
        return new RawSection(
            NameOffset: BinaryPrimitives.ReadUInt32LittleEndian(s),
            Type: BinaryPrimitives.ReadUInt32LittleEndian(s[4..]),
            Offset: (long)BinaryPrimitives.ReadUInt64LittleEndian(s[24..]),
            Size: (long)BinaryPrimitives.ReadUInt64LittleEndian(s[32..]),
            Link: (int)BinaryPrimitives.ReadUInt32LittleEndian(s[40..]),
            Info: BinaryPrimitives.ReadUInt32LittleEndian(s[44..]),
            EntrySize: (long)BinaryPrimitives.ReadUInt64LittleEndian(s[56..]));
    }

    private static string ReadCString(byte[] bytes, string name, RawSection table, long offset)
    {
        if (offset < 0 || offset >= table.Size)
        {
            throw new ElfFormatException($"{name}: string offset 0x{offset:x} is outside its string table (size 0x{table.Size:x}).");
        }
        var start = (int)(table.Offset + offset);
        var end = (int)(table.Offset + table.Size);
        var nul = Array.IndexOf(bytes, (byte)0, start, end - start);
        if (nul < 0)
        {
            throw new ElfFormatException($"{name}: unterminated string at 0x{start:x}.");
        }
        return Encoding.UTF8.GetString(bytes, start, nul - start);
    }

    private readonly record struct RawSection(
        uint NameOffset, uint Type, long Offset, long Size, int Link, uint Info, long EntrySize);
}
