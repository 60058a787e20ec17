using System.Buffers;
using System.Buffers.Binary;

namespace Territorio.Stratification.Engine;

/// <summary>
/// The engine's working memory kept between runs, so that an update adds new rows to the persons
/// they touch instead of reading every flow again (decisions 0152, 0195). The engine says how its
/// tables (groups, codes) and one person's state are written as bytes; the file that holds them,
/// its order and its index belong to the pipeline. Valid only for the same criteria and as-of
/// date: the windows are decided when a row is added.
/// </summary>
public sealed partial class Stratifier
{
    private const int StateFormat = 2;

    // Bits of a hit's flags byte.
    private const byte SatisfiedBit = 1, DddMissingBit = 2, PacksBit = 4, DddBit = 8;

    // Fields of a person's record, then per hit at most: criterion, flags, count, day, code, dates, two doubles.
    private const int PersonFieldsMaxBytes = 6 * 5;
    private const int HitMaxBytes = 5 * 5 + 1 + 8 * 5 + 2 * 8;

    /// <summary>
    /// Called by <see cref="TryFindPerson"/> for an id not registered: registers it from elsewhere
    /// (an update's kept state) and says whether it did. Null: the persons registered are all.
    /// </summary>
    public Func<string, bool>? PersonSource { get; set; }

    /// <summary>The identifier of a registered person.</summary>
    public string IdOf(int person) => _ids[person];

    /// <summary>Writes what every person's record refers to: the criteria version, the as-of date, groups and codes seen.</summary>
    public void WriteTables(BinaryWriter writer)
    {
        writer.Write(StateFormat);
        writer.Write(_criteria.Version);
        writer.Write(_asOfDay);
        writer.Write(_groups.Count);
        _groups.ForEach(writer.Write);

        var indexes = Indexes();
        var codes = indexes.SelectMany((index, i) => index.Seen.Select(seen => (seen.Code, seen.Id, Index: (byte)i))).OrderBy(c => c.Id).ToList();
        writer.Write(codes.Count);
        foreach (var (code, _, index) in codes)
        {
            writer.Write(index);
            writer.Write(code);
        }
    }

    /// <summary>
    /// An engine with no persons and the tables of <see cref="WriteTables"/>; null when they were
    /// kept for another state format, other criteria or another as-of date (then only a full run is right).
    /// </summary>
    public static Stratifier? ReadTables(BinaryReader reader, Criteria.StratificationCriteria criteria, DateOnly asOf)
    {
        if (reader.ReadInt32() != StateFormat || reader.ReadString() != criteria.Version || reader.ReadInt32() != asOf.DayNumber)
        {
            return null;
        }

        var engine = new Stratifier(criteria, asOf);
        int groups = reader.ReadInt32();
        for (int i = 0; i < groups; i++)
        {
            engine.GroupIndex(reader.ReadString());
        }

        // Codes are re-found in id order, so every index gives them back the same ids.
        var indexes = engine.Indexes();
        int codes = reader.ReadInt32();
        for (int i = 0; i < codes; i++)
        {
            byte index = reader.ReadByte();
            if (index >= indexes.Length)
            {
                throw new InvalidDataException($"code table: index {index}");
            }

            indexes[index].Find(reader.ReadString());
        }

        return engine;
    }

    /// <summary>Appends one person's state (registry data, latest use, every criterion touched) to <paramref name="output"/>.</summary>
    public void WritePerson(int person, ArrayBufferWriter<byte> output)
    {
        int hits = 0;
        for (int h = _firstHit[person]; h != NoHit; h = _hits[h].Next)
        {
            hits++;
        }

        var span = output.GetSpan(PersonFieldsMaxBytes + hits * HitMaxBytes);
        int at = 0;
        // Days relative to the as-of date: small numbers, short varints.
        WriteVarint(span, ref at, ZigZag(_asOfDay - _birthDay[person]));
        int death = _deathDay[person];
        WriteVarint(span, ref at, death == int.MaxValue ? 0 : ZigZag(_asOfDay - death) + 1);
        WriteVarint(span, ref at, (uint)_ats[person]);
        WriteVarint(span, ref at, (uint)_mmg[person]);
        int lastUse = _lastUseDay[person];
        WriteVarint(span, ref at, lastUse == NoUse ? 0 : ZigZag(_asOfDay - lastUse) + 1);
        WriteVarint(span, ref at, (uint)hits);
        for (int h = _firstHit[person]; h != NoHit; h = _hits[h].Next)
        {
            ref var hit = ref _hits[h];
            byte flags = (byte)((hit.Satisfied ? SatisfiedBit : 0) | (hit.DddMissing ? DddMissingBit : 0)
                | (hit.Packs != 0 ? PacksBit : 0) | (hit.Ddd != 0 ? DddBit : 0));
            WriteVarint(span, ref at, (uint)hit.Criterion);
            span[at++] = flags;
            WriteVarint(span, ref at, (uint)hit.Count);
            WriteVarint(span, ref at, ZigZag(_asOfDay - hit.LastDay));
            WriteVarint(span, ref at, (uint)hit.CodeId);
            span[at++] = hit.DateCount;
            for (int d = 0; d < hit.DateCount; d++)
            {
                WriteVarint(span, ref at, ZigZag(_asOfDay - hit.Dates[d]));
            }

            if (hit.Packs != 0)
            {
                BinaryPrimitives.WriteDoubleLittleEndian(span[at..], hit.Packs);
                at += 8;
            }

            if (hit.Ddd != 0)
            {
                BinaryPrimitives.WriteDoubleLittleEndian(span[at..], hit.Ddd);
                at += 8;
            }
        }

        output.Advance(at);
    }

    /// <summary>
    /// Registers a person from the bytes of <see cref="WritePerson"/> and returns its index; throws
    /// <see cref="InvalidDataException"/> when the bytes are not such a record for these tables.
    /// </summary>
    public int ReadPerson(string id, ReadOnlySpan<byte> record)
    {
        int at = 0;
        int birth = _asOfDay - UnZigZag(ReadVarint(record, ref at));
        uint death = ReadVarint(record, ref at);
        int ats = Group(ReadVarint(record, ref at));
        int mmg = Group(ReadVarint(record, ref at));
        uint lastUse = ReadVarint(record, ref at);
        uint hits = ReadVarint(record, ref at);
        if (!_index.TryAdd(id, _ids.Count))
        {
            throw new InvalidDataException($"person {id} twice");
        }

        int person = _ids.Count;
        _ids.Add(id);
        _birthDay.Add(birth);
        _deathDay.Add(death == 0 ? int.MaxValue : _asOfDay - UnZigZag(death - 1));
        _ats.Add(ats);
        _mmg.Add(mmg);
        _lastUseDay.Add(lastUse == 0 ? NoUse : _asOfDay - UnZigZag(lastUse - 1));
        _firstHit.Add(NoHit);

        int previous = NoHit;
        for (uint i = 0; i < hits; i++)
        {
            var hit = new Hit { Next = NoHit };
            uint criterion = ReadVarint(record, ref at);
            if (criterion >= (uint)_criterion.Length)
            {
                throw new InvalidDataException($"person {id}: criterion {criterion}");
            }

            hit.Criterion = (short)criterion;
            byte flags = Byte(record, ref at);
            hit.Satisfied = (flags & SatisfiedBit) != 0;
            hit.DddMissing = (flags & DddMissingBit) != 0;
            hit.Count = (int)ReadVarint(record, ref at);
            hit.LastDay = _asOfDay - UnZigZag(ReadVarint(record, ref at));
            uint code = ReadVarint(record, ref at);
            if (code >= (uint)_codeNames.Count)
            {
                throw new InvalidDataException($"person {id}: code {code}");
            }

            hit.CodeId = (int)code;
            hit.DateCount = Byte(record, ref at);
            if (hit.DateCount > 8)
            {
                throw new InvalidDataException($"person {id}: {hit.DateCount} dates");
            }

            for (int d = 0; d < hit.DateCount; d++)
            {
                hit.Dates[d] = _asOfDay - UnZigZag(ReadVarint(record, ref at));
            }

            hit.Packs = (flags & PacksBit) != 0 ? Double(record, ref at) : 0;
            hit.Ddd = (flags & DddBit) != 0 ? Double(record, ref at) : 0;
            int index = _hits.Add(hit);
            if (previous == NoHit)
            {
                _firstHit[person] = index;
            }
            else
            {
                _hits[previous].Next = index;
            }

            previous = index;
        }

        if (at != record.Length)
        {
            throw new InvalidDataException($"person {id}: {record.Length - at} bytes left over");
        }

        return person;
    }

    private int Group(uint index) => index < (uint)_groups.Count ? (int)index : throw new InvalidDataException($"group {index}");

    private static uint ZigZag(int value) => (uint)((value << 1) ^ (value >> 31));

    private static int UnZigZag(uint value) => (int)(value >> 1) ^ -(int)(value & 1);

    private static void WriteVarint(Span<byte> span, ref int at, uint value)
    {
        while (value >= 0x80)
        {
            span[at++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[at++] = (byte)value;
    }

    private static uint ReadVarint(ReadOnlySpan<byte> span, ref int at)
    {
        uint value = 0;
        for (int shift = 0; shift < 35; shift += 7)
        {
            byte b = Byte(span, ref at);
            value |= (uint)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new InvalidDataException("varint too long");
    }

    private static byte Byte(ReadOnlySpan<byte> span, ref int at) =>
        at < span.Length ? span[at++] : throw new InvalidDataException("record cut short");

    private static double Double(ReadOnlySpan<byte> span, ref int at)
    {
        if (span.Length - at < 8)
        {
            throw new InvalidDataException("record cut short");
        }

        double value = BinaryPrimitives.ReadDoubleLittleEndian(span[at..]);
        at += 8;
        return value;
    }

    private CodeIndex[] Indexes() => [_diagnoses, _procedures, _atc, _exemptions, _outpatient];
}
