using System.Runtime.InteropServices;

namespace Territorio.Stratification.Engine;

/// <summary>
/// The engine's working memory kept between runs, so that an update adds new rows to it instead
/// of reading every flow again (decision 0152). Valid only for the same criteria and as-of date:
/// the windows are decided when a row is added.
/// </summary>
public sealed partial class Stratifier
{
    private const int StateFormat = 1;

    /// <summary>Writes persons, the state of every criterion each touched, and the codes seen.</summary>
    public void WriteState(BinaryWriter writer)
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

        writer.Write(_ids.Count);
        for (int person = 0; person < _ids.Count; person++)
        {
            writer.Write(_ids[person]);
            writer.Write(_birthDay[person]);
            writer.Write(_deathDay[person]);
            writer.Write(_ats[person]);
            writer.Write(_mmg[person]);
            writer.Write(_firstHit[person]);
            writer.Write(_lastUseDay[person]);
        }

        writer.Write(_hits.Count);
        for (int h = 0; h < _hits.Count; h++)
        {
            writer.Write(MemoryMarshal.AsBytes(new ReadOnlySpan<Hit>(in _hits[h])));
        }
    }

    /// <summary>
    /// Rebuilds an engine from <see cref="WriteState"/>; null when the state was kept for other
    /// criteria or another as-of date (then only a full run is right).
    /// </summary>
    public static Stratifier? ReadState(BinaryReader reader, Criteria.StratificationCriteria criteria, DateOnly asOf)
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
            indexes[index].Find(reader.ReadString());
        }

        int persons = reader.ReadInt32();
        for (int person = 0; person < persons; person++)
        {
            string id = reader.ReadString();
            engine._index.Add(id, person);
            engine._ids.Add(id);
            engine._birthDay.Add(reader.ReadInt32());
            engine._deathDay.Add(reader.ReadInt32());
            engine._ats.Add(reader.ReadInt32());
            engine._mmg.Add(reader.ReadInt32());
            engine._firstHit.Add(reader.ReadInt32());
            engine._lastUseDay.Add(reader.ReadInt32());
        }

        int hits = reader.ReadInt32();
        var hit = default(Hit);
        var bytes = MemoryMarshal.AsBytes(new Span<Hit>(ref hit));
        for (int h = 0; h < hits; h++)
        {
            reader.BaseStream.ReadExactly(bytes);
            engine._hits.Add(hit);
        }

        return engine;
    }

    private CodeIndex[] Indexes() => [_diagnoses, _procedures, _atc, _exemptions, _outpatient];
}
