using System.Buffers;
using System.Text;
using Territorio.Stratification.Criteria;
using Territorio.Stratification.Engine;

namespace Territorio.Flows.Stratification;

/// <summary>The kept state cannot be used: truncated, damaged, or not the state of the levels file beside it.</summary>
public sealed class KeptStateException(string message) : Exception(message);

/// <summary>What a state record says of a person beyond the engine's working memory.</summary>
/// <param name="Ordinal">The person's row in the levels file (0: the first after the header).</param>
/// <param name="ShownLevel">The level the levels file shows (after an approved reclassification; 0: deceased).</param>
internal readonly record struct PersonMark(int Ordinal, byte ShownLevel, bool JudgedOnPacks, bool Overridden)
{
    private const byte JudgedOnPacksBit = 0x10, OverriddenBit = 0x20;

    public byte Packed => (byte)(ShownLevel | (JudgedOnPacks ? JudgedOnPacksBit : 0) | (Overridden ? OverriddenBit : 0));

    public static PersonMark Unpack(int ordinal, byte packed) =>
        new(ordinal, (byte)(packed & 0x0F), (packed & JudgedOnPacksBit) != 0, (packed & OverriddenBit) != 0);
}

/// <summary>
/// The state a stratification keeps beside its levels file for the next <c>--update</c> (decision
/// 0195): one record per person, sorted by the UTF-8 bytes of the person id, in blocks with a
/// small directory (each block's first id and offset), so that an update reads only the persons
/// its rows touch, and writes the next state by copying the other records as they are.
/// <code>
/// "TSTRAT02" | tables (criteria version, as-of date, groups, codes) | persons | persons judged on packs
///   | reclassified ids | pyramid | records | directory | trailer (directory offset, records, blocks, records offset, "TSTREND2")
/// record: varint length | varint id length | id | varint ordinal | mark | the engine's bytes (Stratifier.WritePerson)
/// </code>
/// </summary>
public static class KeptStateFormat
{
    internal const int BlockRecords = 32;
    internal const int TrailerBytes = 8 + 4 + 4 + 8 + 8;
    internal static readonly byte[] HeadMagic = "TSTRAT02"u8.ToArray();
    internal static readonly byte[] TailMagic = "TSTREND2"u8.ToArray();

    /// <summary>The order of the records: UTF-8 bytes, i.e. code points (not UTF-16 units, which differ past the surrogates).</summary>
    public static int Compare(string a, string b)
    {
        int common = Math.Min(a.Length, b.Length);
        for (int i = 0; i < common; i++)
        {
            if (a[i] != b[i])
            {
                return CodePointOrder(a[i]) - CodePointOrder(b[i]);
            }
        }

        return a.Length - b.Length;
    }

    private static int CodePointOrder(char c) => c >= 0xD800 ? (c >= 0xE000 ? c - 0x800 : c + 0x2000) : c;

    internal static void WriteVarint(Span<byte> span, ref int at, uint value)
    {
        while (value >= 0x80)
        {
            span[at++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[at++] = (byte)value;
    }

    /// <summary>A varint at <paramref name="at"/>; false when the bytes end first or it is too long.</summary>
    internal static bool TryReadVarint(ReadOnlySpan<byte> span, ref int at, out uint value)
    {
        value = 0;
        for (int shift = 0; shift < 35 && at < span.Length; shift += 7)
        {
            byte b = span[at++];
            value |= (uint)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>The header of a kept state: everything but the records (read whole; small).</summary>
internal sealed record KeptStateHeader(int Persons, long JudgedOnPacks, IReadOnlyList<string> Overridden, Pyramid Pyramid)
{
    public void Write(Stream output, Stratifier engine)
    {
        output.Write(KeptStateFormat.HeadMagic);
        using var writer = new BinaryWriter(output, Encoding.UTF8, leaveOpen: true);
        engine.WriteTables(writer);
        writer.Write(Persons);
        writer.Write(JudgedOnPacks);
        writer.Write(Overridden.Count);
        foreach (string id in Overridden)
        {
            writer.Write(id);
        }

        var byAts = Pyramid.ByAts.ToList();
        writer.Write(byAts.Count);
        foreach (var (ats, counts) in byAts)
        {
            writer.Write(ats);
            WriteCounts(writer, counts);
        }

        var byMmg = Pyramid.ByMmg.ToList();
        writer.Write(byMmg.Count);
        foreach (var (mmg, ats, counts) in byMmg)
        {
            writer.Write(mmg);
            writer.Write(ats);
            WriteCounts(writer, counts);
        }
    }

    /// <summary>The header after the magic; the engine is null when the state is another format's, criteria's or as-of date's.</summary>
    public static (KeptStateHeader? Header, Stratifier? Engine) Read(BinaryReader reader, StratificationCriteria criteria, DateOnly asOf)
    {
        var engine = Stratifier.ReadTables(reader, criteria, asOf);
        if (engine is null)
        {
            return (null, null);
        }

        int persons = reader.ReadInt32();
        long judgedOnPacks = reader.ReadInt64();
        var overridden = new string[Count(reader.ReadInt32())];
        for (int i = 0; i < overridden.Length; i++)
        {
            overridden[i] = reader.ReadString();
        }

        var byAts = new (int, long[])[Count(reader.ReadInt32())];
        for (int i = 0; i < byAts.Length; i++)
        {
            byAts[i] = (reader.ReadInt32(), ReadCounts(reader));
        }

        var byMmg = new (int, int, long[])[Count(reader.ReadInt32())];
        for (int i = 0; i < byMmg.Length; i++)
        {
            byMmg[i] = (reader.ReadInt32(), reader.ReadInt32(), ReadCounts(reader));
        }

        return (new KeptStateHeader(Count(persons), judgedOnPacks, overridden, Pyramid.FromCounts(byAts, byMmg)), engine);
    }

    private static int Count(int value) => value is >= 0 and <= 100_000_000 ? value : throw new InvalidDataException($"count {value}");

    private static void WriteCounts(BinaryWriter writer, Pyramid.Counts counts)
    {
        for (int level = 0; level <= 5; level++)
        {
            writer.Write(counts[level]);
        }
    }

    private static long[] ReadCounts(BinaryReader reader)
    {
        var levels = new long[6];
        for (int level = 0; level <= 5; level++)
        {
            levels[level] = reader.ReadInt64();
        }

        return levels;
    }
}

/// <summary>
/// Writes the records of a kept state in id order, with the directory every
/// <see cref="KeptStateFormat.BlockRecords"/> records and the trailer; the caller wrote the header.
/// </summary>
internal sealed class KeptStateRecordWriter(Stream output, long recordsStart)
{
    private readonly byte[] _buffer = new byte[1 << 20];
    private readonly List<long> _blockOffsets = [];
    private readonly ArrayBufferWriter<byte> _blockIds = new();
    private readonly List<int> _blockIdEnds = [];
    private readonly byte[] _envelope = new byte[16];
    private int _used;
    private readonly long _recordsStart = recordsStart;
    private long _flushed = recordsStart;
    private int _records;

    public int Records => _records;

    private long Position => _flushed + _used;

    /// <summary>A record whose id bytes, mark and engine bytes are given.</summary>
    public void Write(ReadOnlySpan<byte> id, int ordinal, byte mark, ReadOnlySpan<byte> engineBytes)
    {
        int at = 0;
        Span<byte> head = _envelope;
        KeptStateFormat.WriteVarint(head, ref at, (uint)ordinal);
        head[at++] = mark;
        int inner = id.Length + VarintLength((uint)id.Length) + at + engineBytes.Length;
        StartRecord(id);
        var span = Reserve(VarintLength((uint)inner) + inner);
        int w = 0;
        KeptStateFormat.WriteVarint(span, ref w, (uint)inner);
        KeptStateFormat.WriteVarint(span, ref w, (uint)id.Length);
        id.CopyTo(span[w..]);
        w += id.Length;
        head[..at].CopyTo(span[w..]);
        w += at;
        engineBytes.CopyTo(span[w..]);
        _used += w + engineBytes.Length;
    }

    /// <summary>A record copied as it was (<paramref name="record"/> from its length prefix on).</summary>
    public void Copy(ReadOnlySpan<byte> id, ReadOnlySpan<byte> record)
    {
        StartRecord(id);
        if (record.Length > _buffer.Length - _used)
        {
            Flush();
            if (record.Length > _buffer.Length)
            {
                output.Write(record);
                _flushed += record.Length;
                return;
            }
        }

        record.CopyTo(_buffer.AsSpan(_used));
        _used += record.Length;
    }

    /// <summary>Writes the directory and the trailer.</summary>
    public void Finish()
    {
        long directory = Position;
        using var writer = new BinaryWriter(new MemoryStream());
        writer.Write(_blockOffsets.Count);
        int start = 0;
        for (int b = 0; b < _blockOffsets.Count; b++)
        {
            writer.Write(_blockOffsets[b]);
            var id = _blockIds.WrittenSpan[start.._blockIdEnds[b]];
            writer.Write7BitEncodedInt(id.Length);
            writer.Write(id);
            start = _blockIdEnds[b];
        }

        writer.Write(directory);
        writer.Write(_records);
        writer.Write(_blockOffsets.Count);
        writer.Write(_recordsStart);
        writer.Write(KeptStateFormat.TailMagic);
        writer.Flush();
        Flush();
        ((MemoryStream)writer.BaseStream).WriteTo(output);
        output.Flush();
    }

    private void StartRecord(ReadOnlySpan<byte> id)
    {
        if (_records % KeptStateFormat.BlockRecords == 0)
        {
            _blockOffsets.Add(Position);
            _blockIds.Write(id);
            _blockIdEnds.Add(_blockIds.WrittenCount);
        }

        _records++;
    }

    private Span<byte> Reserve(int length)
    {
        if (length > _buffer.Length - _used)
        {
            Flush();
        }

        return length <= _buffer.Length ? _buffer.AsSpan(_used, length) : throw new InvalidDataException($"record of {length} bytes");
    }

    private void Flush()
    {
        output.Write(_buffer, 0, _used);
        _flushed += _used;
        _used = 0;
    }

    private static int VarintLength(uint value) => value < 1 << 7 ? 1 : value < 1 << 14 ? 2 : value < 1 << 21 ? 3 : value < 1 << 28 ? 4 : 5;
}

/// <summary>
/// The state kept by the previous run, opened for an update: header and directory in memory,
/// a person's record read from disk when a row names the person, the others only copied.
/// </summary>
public sealed class KeptState : IDisposable
{
    private readonly FileStream _file;
    private readonly string _path;
    private readonly Layout _layout;
    private byte[] _block = new byte[1 << 16];

    private KeptState(FileStream file, string path, KeptStateHeader header, Stratifier engine, Layout layout)
    {
        (_file, _path, _layout) = (file, path, layout);
        (Header, Engine) = (header, engine);
    }

    /// <summary>Where the records are: their bytes, how many, and each block's offset and first id (the last offset is the directory's).</summary>
    private sealed record Layout(long RecordsStart, long DirectoryStart, int Records, long[] BlockOffsets, byte[] BlockIds, int[] BlockIdEnds);

    /// <summary>An engine with the kept tables and no person yet: the update registers the persons it touches.</summary>
    public Stratifier Engine { get; }

    internal KeptStateHeader Header { get; }

    /// <summary>
    /// Opens the state at <paramref name="path"/>; null when it was kept for other criteria or
    /// another as-of date. Throws <see cref="KeptStateException"/> when it is truncated or damaged.
    /// </summary>
    public static KeptState? Open(string path, StratificationCriteria criteria, DateOnly asOf)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.None);
        try
        {
            var state = Read(file, path, criteria, asOf);
            if (state is null)
            {
                file.Dispose();
            }

            return state;
        }
        catch (Exception ex) when (ex is EndOfStreamException or InvalidDataException or FormatException or ArgumentOutOfRangeException or OverflowException)
        {
            file.Dispose();
            throw Damaged(path, ex.Message);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    private static KeptState? Read(FileStream file, string path, StratificationCriteria criteria, DateOnly asOf)
    {
        long length = file.Length;
        Span<byte> magic = stackalloc byte[8];
        if (length < KeptStateFormat.HeadMagic.Length + KeptStateFormat.TrailerBytes)
        {
            throw Damaged(path, "file troncato");
        }

        file.ReadExactly(magic);
        if (!magic.SequenceEqual(KeptStateFormat.HeadMagic))
        {
            // An older format (before decision 0195) or another file: a full run writes the current one.
            return null;
        }

        var reader = new BinaryReader(file, Encoding.UTF8, leaveOpen: true);
        file.Position = length - KeptStateFormat.TrailerBytes;
        long directoryStart = reader.ReadInt64();
        int records = reader.ReadInt32();
        int blocks = reader.ReadInt32();
        long recordsStart = reader.ReadInt64();
        file.ReadExactly(magic);
        if (!magic.SequenceEqual(KeptStateFormat.TailMagic))
        {
            throw Damaged(path, "file troncato (manca la chiusura)");
        }

        if (recordsStart < 0 || directoryStart < recordsStart || directoryStart > length - KeptStateFormat.TrailerBytes || records < 0 || blocks < 0
            || blocks != (records + KeptStateFormat.BlockRecords - 1) / KeptStateFormat.BlockRecords)
        {
            throw Damaged(path, "indice incoerente");
        }

        file.Position = KeptStateFormat.HeadMagic.Length;
        var (header, engine) = KeptStateHeader.Read(reader, criteria, asOf);
        if (header is null || engine is null)
        {
            return null;
        }

        if (file.Position != recordsStart || header.Persons != records)
        {
            throw Damaged(path, "intestazione incoerente");
        }

        file.Position = directoryStart;
        if (reader.ReadInt32() != blocks)
        {
            throw Damaged(path, "indice incoerente");
        }

        var offsets = new long[blocks + 1];
        var ids = new MemoryStream();
        var ends = new int[blocks];
        for (int b = 0; b < blocks; b++)
        {
            offsets[b] = reader.ReadInt64();
            int idLength = reader.Read7BitEncodedInt();
            if (idLength is < 0 or > 1 << 16)
            {
                throw Damaged(path, "indice incoerente");
            }

            ids.Write(reader.ReadBytes(idLength));
            ends[b] = (int)ids.Length;
            if (offsets[b] < recordsStart || offsets[b] >= directoryStart || (b > 0 && offsets[b] <= offsets[b - 1]))
            {
                throw Damaged(path, "indice incoerente");
            }
        }

        offsets[blocks] = directoryStart;
        if (file.Position != length - KeptStateFormat.TrailerBytes || (blocks > 0 && offsets[0] != recordsStart) || (blocks == 0 && directoryStart != recordsStart))
        {
            throw Damaged(path, "indice incoerente");
        }

        return new KeptState(file, path, header, engine, new Layout(recordsStart, directoryStart, records, offsets, ids.ToArray(), ends));
    }

    /// <summary>
    /// Registers the person <paramref name="id"/> in <see cref="Engine"/> from the kept record;
    /// false when the state has no such person.
    /// </summary>
    public bool TryLoad(string id, out int person) => TryLoad(id, out person, out _);

    /// <inheritdoc cref="TryLoad(string, out int)"/>
    internal bool TryLoad(string id, out int person, out PersonMark mark)
    {
        person = -1;
        mark = default;
        Span<byte> key = stackalloc byte[Encoding.UTF8.GetMaxByteCount(id.Length)];
        key = key[..Encoding.UTF8.GetBytes(id, key)];
        int block = LastBlockNotAfter(key);
        if (block < 0)
        {
            return false;
        }

        long start = _layout.BlockOffsets[block];
        int length = checked((int)(_layout.BlockOffsets[block + 1] - start));
        if (_block.Length < length)
        {
            _block = new byte[Math.Max(length, _block.Length * 2)];
        }

        var bytes = _block.AsSpan(0, length);
        RandomAccess.Read(_file.SafeFileHandle, bytes, start);
        int at = 0;
        while (at < bytes.Length)
        {
            NextRecord(bytes, ref at, out var recordId, out var inner);
            int order = recordId.SequenceCompareTo(key);
            if (order > 0)
            {
                return false;
            }

            if (order == 0)
            {
                try
                {
                    mark = ReadMark(inner, out var engineBytes);
                    person = Engine.ReadPerson(id, engineBytes);
                }
                catch (InvalidDataException ex)
                {
                    throw Damaged(_path, ex.Message);
                }

                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Writes every record to <paramref name="writer"/>: the kept ones as they are, except those
    /// <paramref name="replacements"/> (in id order) replace, and the new ones in their place.
    /// </summary>
    internal void CopyMerged(KeptStateRecordWriter writer, IReadOnlyList<KeptRecord> replacements)
    {
        var buffer = new byte[1 << 22];
        int used = 0, at = 0;
        long next = _layout.RecordsStart;
        int replacement = 0, copied = 0;
        var previousId = new byte[256];
        int previousLength = -1;
        _file.Position = _layout.RecordsStart;
        while (true)
        {
            if (!HasRecord(buffer, at, used))
            {
                // Keep the partial record, refill behind it.
                buffer.AsSpan(at, used - at).CopyTo(buffer);
                used -= at;
                at = 0;
                int wanted = (int)Math.Min(buffer.Length - used, _layout.DirectoryStart - next);
                if (wanted > 0)
                {
                    _file.ReadExactly(buffer, used, wanted);
                    used += wanted;
                    next += wanted;
                }

                if (at == used)
                {
                    break;
                }

                if (!HasRecord(buffer, at, used))
                {
                    throw Damaged(_path, "record troncato");
                }
            }

            int start = at;
            NextRecord(buffer, ref at, out var id, out _);
            if (previousLength >= 0 && id.SequenceCompareTo(previousId.AsSpan(0, previousLength)) <= 0)
            {
                throw Damaged(_path, "persone fuori ordine");
            }

            if (id.Length > previousId.Length)
            {
                previousId = new byte[id.Length * 2];
            }

            id.CopyTo(previousId);
            previousLength = id.Length;
            while (replacement < replacements.Count && replacements[replacement].Id.AsSpan().SequenceCompareTo(id) < 0)
            {
                replacements[replacement++].WriteTo(writer);
            }

            if (replacement < replacements.Count && replacements[replacement].Id.AsSpan().SequenceEqual(id))
            {
                replacements[replacement++].WriteTo(writer);
            }
            else
            {
                writer.Copy(id, buffer.AsSpan(start, at - start));
            }

            copied++;
        }

        if (copied != _layout.Records)
        {
            throw Damaged(_path, $"{copied} persone invece di {_layout.Records}");
        }

        while (replacement < replacements.Count)
        {
            replacements[replacement++].WriteTo(writer);
        }
    }

    public void Dispose() => _file.Dispose();

    internal static KeptStateException Damaged(string path, string detail) =>
        new($"--update: lo stato della stratificazione precedente ({path}) è danneggiato o troncato ({detail}): serve una stratificazione completa");

    private static PersonMark ReadMark(ReadOnlySpan<byte> inner, out ReadOnlySpan<byte> engineBytes)
    {
        int at = 0;
        if (!KeptStateFormat.TryReadVarint(inner, ref at, out uint ordinal) || at >= inner.Length || ordinal > int.MaxValue)
        {
            throw new InvalidDataException("record cut short");
        }

        byte packed = inner[at++];
        engineBytes = inner[at..];
        return PersonMark.Unpack((int)ordinal, packed);
    }

    private static bool HasRecord(ReadOnlySpan<byte> buffer, int at, int used)
    {
        int probe = at;
        return KeptStateFormat.TryReadVarint(buffer[..used], ref probe, out uint length) && length <= used - probe;
    }

    /// <summary>The record at <paramref name="at"/> (moved past it): its id and what follows the id.</summary>
    private void NextRecord(ReadOnlySpan<byte> bytes, ref int at, out ReadOnlySpan<byte> id, out ReadOnlySpan<byte> inner)
    {
        if (!KeptStateFormat.TryReadVarint(bytes, ref at, out uint length) || length > bytes.Length - at)
        {
            throw Damaged(_path, "record troncato");
        }

        var record = bytes.Slice(at, (int)length);
        at += (int)length;
        int r = 0;
        if (!KeptStateFormat.TryReadVarint(record, ref r, out uint idLength) || idLength > record.Length - r)
        {
            throw Damaged(_path, "record troncato");
        }

        id = record.Slice(r, (int)idLength);
        inner = record[(r + (int)idLength)..];
    }

    /// <summary>The block whose first id is the greatest not after <paramref name="key"/>; -1 when the key comes before all.</summary>
    private int LastBlockNotAfter(ReadOnlySpan<byte> key)
    {
        int low = 0, high = _layout.BlockIdEnds.Length - 1, found = -1;
        while (low <= high)
        {
            int mid = (low + high) >>> 1;
            int start = mid == 0 ? 0 : _layout.BlockIdEnds[mid - 1];
            if (_layout.BlockIds.AsSpan(start, _layout.BlockIdEnds[mid] - start).SequenceCompareTo(key) <= 0)
            {
                found = mid;
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }

        return found;
    }
}

/// <summary>A person's record for the next state: id bytes, levels-file row, mark, the engine's bytes.</summary>
internal sealed record KeptRecord(byte[] Id, int Ordinal, byte Mark, byte[] EngineBytes)
{
    public void WriteTo(KeptStateRecordWriter writer) => writer.Write(Id, Ordinal, Mark, EngineBytes);
}
