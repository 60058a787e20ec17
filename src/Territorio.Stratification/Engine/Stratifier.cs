using System.Numerics;
using System.Runtime.CompilerServices;
using Territorio.Kernel.Codes;
using Territorio.Kernel.Hospital;
using Territorio.Stratification.Criteria;

namespace Territorio.Stratification.Engine;

/// <summary>
/// Stratifies a population (DGR X/6164/2017, allegato "Presa in carico e cronicità"): persons are
/// registered first, then the flow records are added in any order, then every person is
/// classified. Keeps per person only what the decision needs: the state of each criterion the
/// person touched (counts, packs, DDD, a few distinct dates, the latest evidence) and the latest
/// use of services. Pure: no IO.
/// </summary>
public sealed partial class Stratifier
{
    private const int NoHit = -1;
    private const int NoUse = int.MinValue;

    private readonly StratificationCriteria _criteria;
    private readonly int _asOfDay;
    private readonly int _useWindowStartDay;

    // Compiled criteria, by criterion index.
    private readonly Criterion[] _criterion;
    private readonly byte[] _pathologyOf;
    private readonly int[] _windowStartDay;
    private readonly int[] _rankOf;
    private readonly int[] _pathologyByRank;
    private readonly UInt128[] _replacedBy;

    private readonly List<string> _codeNames = [];
    private readonly CodeIndex _diagnoses;
    private readonly CodeIndex _procedures;
    private readonly CodeIndex _atc;
    private readonly CodeIndex _exemptions;
    private readonly CodeIndex _outpatient;

    // Persons, by person index.
    private readonly List<string> _ids = [];
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _indexLookup;
    private readonly Column<int> _birthDay = new();
    private readonly Column<int> _deathDay = new();
    private readonly Column<int> _ats = new();
    private readonly Column<int> _mmg = new();
    private readonly Column<int> _firstHit = new();
    private readonly Column<int> _lastUseDay = new();
    private readonly Dictionary<string, int> _groupIndex = new(StringComparer.Ordinal);
    private readonly List<string> _groups = [];

    private readonly PagedList<Hit> _hits = new();

    public Stratifier(StratificationCriteria criteria, DateOnly asOf)
    {
        if (criteria.Pathologies.Count > 128)
        {
            throw new ArgumentException("at most 128 pathologies per criteria file", nameof(criteria));
        }

        _criteria = criteria;
        AsOf = asOf;
        _asOfDay = asOf.DayNumber;
        _useWindowStartDay = WindowStart(asOf, criteria.UseWindowMonths);
        _indexLookup = _index.GetAlternateLookup<ReadOnlySpan<char>>();

        var all = criteria.Pathologies.SelectMany((p, pi) => p.Criteria.Select(c => (Criterion: c, Pathology: pi))).ToArray();
        _criterion = [.. all.Select(a => a.Criterion)];
        _pathologyOf = [.. all.Select(a => (byte)a.Pathology)];
        _windowStartDay = [.. all.Select(a => WindowStart(asOf, a.Criterion.WindowMonths))];

        // Main pathology: highest ranking weight, ties by catalogue order (DGR X/6164/2017: tariff of the main pathology).
        _pathologyByRank = [.. Enumerable.Range(0, criteria.Pathologies.Count)
            .OrderByDescending(pi => criteria.Pathologies[pi].Weight)
            .ThenBy(pi => criteria.Pathologies[pi].Pathology.Order)];
        _rankOf = new int[_pathologyByRank.Length];
        for (int rank = 0; rank < _pathologyByRank.Length; rank++)
        {
            _rankOf[_pathologyByRank[rank]] = rank;
        }

        var piOfCode = criteria.Pathologies.Select((p, pi) => (p.Pathology.Code, pi)).ToDictionary(x => x.Code, x => x.pi);
        _replacedBy = [.. criteria.Pathologies.Select(p => p.Replaces.Aggregate(UInt128.Zero, (mask, code) => mask | Bit(piOfCode[code])))];

        _diagnoses = Index(CriterionKind.SdoDiagnosis, CodeIndex.Icd9CmParents);
        _procedures = Index(CriterionKind.SdoProcedure, CodeIndex.Icd9CmParents);
        _atc = Index(CriterionKind.Drugs, CodeIndex.AtcParents);
        // An exemption code as issued covers its disease: "013.250" → "013"; "031A" is normalised to "0A31".
        _exemptions = Index(CriterionKind.Exemption, code => CodeIndex.DottedParents(criteria.ExemptionCodes.Normalise(code)));
        _outpatient = Index(CriterionKind.Outpatient, CodeIndex.DottedParents);
    }

    public DateOnly AsOf { get; }

    public StratificationCriteria Criteria => _criteria;

    public int PersonCount => _ids.Count;

    /// <summary>ATS codes and MMG ids seen in the persons, by the indexes an <see cref="Outcome"/> carries.</summary>
    public IReadOnlyList<string> Groups => _groups;

    /// <summary>Start of a look-back window of <paramref name="months"/> ending at (and including) the as-of date.</summary>
    public static int WindowStart(DateOnly asOf, int months) => asOf.AddMonths(-months).AddDays(1).DayNumber;

    /// <summary>Replaces the registry data of a known person (an update's changed row).</summary>
    public void UpdatePerson(int person, DateOnly birthDate, DateOnly? deathDate, string ats, string mmgId)
    {
        _birthDay[person] = birthDate.DayNumber;
        _deathDay[person] = deathDate?.DayNumber ?? int.MaxValue;
        _ats[person] = GroupIndex(ats);
        _mmg[person] = GroupIndex(mmgId);
    }

    /// <summary>
    /// Makes room for about <paramref name="persons"/> persons at once, instead of growing the
    /// tables by doubling as persons are registered (a hint: fewer or more may come).
    /// </summary>
    public void EnsurePersonCapacity(int persons)
    {
        _ids.EnsureCapacity(persons);
        _index.EnsureCapacity(persons);
        foreach (var column in (Column<int>[])[_birthDay, _deathDay, _ats, _mmg, _firstHit, _lastUseDay])
        {
            column.EnsureCapacity(persons);
        }
    }

    /// <summary>Registers a person; false when the id is already registered.</summary>
    public bool TryAddPerson(string id, DateOnly birthDate, DateOnly? deathDate, string ats, string mmgId)
    {
        if (!_index.TryAdd(id, _ids.Count))
        {
            return false;
        }

        _ids.Add(id);
        _birthDay.Add(birthDate.DayNumber);
        _deathDay.Add(deathDate?.DayNumber ?? int.MaxValue);
        _ats.Add(GroupIndex(ats));
        _mmg.Add(GroupIndex(mmgId));
        _firstHit.Add(NoHit);
        _lastUseDay.Add(NoUse);
        return true;
    }

    public bool TryFindPerson(ReadOnlySpan<char> id, out int person) =>
        _indexLookup.TryGetValue(id, out person) || (PersonSource is { } source && source(id.ToString()) && _indexLookup.TryGetValue(id, out person));

    /// <summary>A hospital discharge: the discharge date dates the diagnoses and procedures.</summary>
    public void AddDischarge(int person, SdoRecord record)
    {
        int day = record.DischargeDate.DayNumber;
        if (!TryNoteUse(person, day))
        {
            return;
        }

        // One discharge counts once per criterion, however many of its codes match.
        Span<bool> counted = stackalloc bool[_criterion.Length];
        AddDischargeCode(person, day, _diagnoses.Find(record.PrincipalDiagnosis.Value), counted);
        foreach (var code in record.SecondaryDiagnoses)
        {
            AddDischargeCode(person, day, _diagnoses.Find(code.Value), counted);
        }

        foreach (var code in record.Procedures)
        {
            AddDischargeCode(person, day, _procedures.Find(code.Value), counted);
        }
    }

    /// <summary>
    /// A drug dispensing (territorial pharmacy or direct distribution). <paramref name="ddd"/> is
    /// <see cref="double.NaN"/> when the flow carries none and no licensed DDD file gives it: a
    /// criterion with a DDD threshold then counts packs instead (its fallback-packs), and says so.
    /// </summary>
    public void AddDispensing(int person, DateOnly date, ReadOnlySpan<char> atc, double packs, double ddd)
    {
        int day = date.DayNumber;
        if (!TryNoteUse(person, day))
        {
            return;
        }

        var entry = _atc.Find(atc);
        foreach (short ci in entry.Criteria)
        {
            if (day < _windowStartDay[ci])
            {
                continue;
            }

            ref var hit = ref HitFor(person, ci);
            hit.See(day, entry.CodeId);
            var c = _criterion[ci];
            // A DDD criterion keeps adding after it is met: one dispensing without DDD switches it
            // to packs, and the totals must not depend on the order of the rows.
            if (hit.Satisfied && c.MinDdd == 0)
            {
                continue;
            }

            hit.Packs += packs;
            if (double.IsNaN(ddd))
            {
                hit.DddMissing |= c.MinDdd > 0;
            }
            else
            {
                hit.Ddd += ddd;
            }

            if (c.MinDates > 0)
            {
                hit.AddDistinctDate(day, c.MinDates);
            }

            hit.Satisfied = hit.DateCount >= c.MinDates && (hit.DddMissing
                ? hit.Packs >= Math.Max(c.MinPacks, c.FallbackPacks)
                : hit.Packs >= c.MinPacks && hit.Ddd >= c.MinDdd);
        }
    }

    /// <summary>A use of services whose code says nothing of chronic disease (e.g. a pack the AIC map lacks).</summary>
    public void AddUse(int person, DateOnly date) => TryNoteUse(person, date.DayNumber);

    /// <summary>A co-payment exemption (DM 329/1999): evidence only when active at the as-of date.</summary>
    public void AddExemption(int person, ReadOnlySpan<char> code, DateOnly start, DateOnly? end)
    {
        if (start.DayNumber > _asOfDay || end?.DayNumber < _asOfDay)
        {
            return;
        }

        var entry = _exemptions.Find(code);
        foreach (short ci in entry.Criteria)
        {
            ref var hit = ref HitFor(person, ci);
            hit.See(start.DayNumber, entry.CodeId);
            hit.Satisfied = true;
        }
    }

    /// <summary>An outpatient service (nomenclator code), e.g. a dialysis session.</summary>
    public void AddOutpatient(int person, DateOnly date, ReadOnlySpan<char> code)
    {
        int day = date.DayNumber;
        if (!TryNoteUse(person, day))
        {
            return;
        }

        var entry = _outpatient.Find(code);
        foreach (short ci in entry.Criteria)
        {
            if (day >= _windowStartDay[ci])
            {
                ref var hit = ref HitFor(person, ci);
                hit.See(day, entry.CodeId);
                hit.Count++;
                hit.Satisfied = hit.Count >= _criterion[ci].MinCount;
            }
        }
    }

    /// <summary>Classifies one person into <paramref name="outcome"/> (reused: no allocation per person).</summary>
    public void Classify(int person, Outcome outcome)
    {
        outcome.Reset();
        outcome.PersonId = _ids[person];
        outcome.AtsIndex = _ats[person];
        outcome.MmgIndex = _mmg[person];
        int lastUse = _lastUseDay[person];
        outcome.LastUse = lastUse == NoUse ? null : DateOnly.FromDayNumber(lastUse);
        int death = _deathDay[person];
        if (death < _asOfDay)
        {
            // Dead before the as-of date: excluded from the pyramid, counted apart.
            outcome.DeathDate = DateOnly.FromDayNumber(death);
            outcome.Level = 0;
            return;
        }

        int age = Kernel.Population.Ages.CompletedYears(DateOnly.FromDayNumber(_birthDay[person]), AsOf);
        UInt128 present = UInt128.Zero;
        for (int h = _firstHit[person]; h != NoHit; h = _hits[h].Next)
        {
            ref var hit = ref _hits[h];
            if (hit.Satisfied && AgeFits(hit.Criterion, age))
            {
                present |= Bit(_pathologyOf[hit.Criterion]);
            }
        }

        // Hierarchies: a complicated variant replaces the plain one, dialysis replaces CKD.
        UInt128 replaced = UInt128.Zero;
        for (UInt128 rest = present; rest != UInt128.Zero; rest &= rest - UInt128.One)
        {
            replaced |= _replacedBy[(int)UInt128.TrailingZeroCount(rest)];
        }

        present &= ~replaced;
        int count = (int)UInt128.PopCount(present);
        // Sporadic user within the window, or non-user, when no chronic pathology.
        outcome.Level = LevelThresholds.Dgr6164.ChronicLevel(count) ?? (lastUse >= _useWindowStartDay ? 4 : 5);
        if (count == 0)
        {
            return;
        }

        foreach (int pi in _pathologyByRank)
        {
            if ((present & Bit(pi)) != UInt128.Zero)
            {
                outcome.Pathologies.Add(_criteria.Pathologies[pi].Pathology.Code);
            }
        }

        for (int h = _firstHit[person]; h != NoHit; h = _hits[h].Next)
        {
            ref var hit = ref _hits[h];
            int pi = _pathologyOf[hit.Criterion];
            if (hit.Satisfied && AgeFits(hit.Criterion, age) && (present & Bit(pi)) != UInt128.Zero)
            {
                outcome.Evidence.Add(new Evidence(_criteria.Pathologies[pi].Pathology.Code, _criterion[hit.Criterion].Kind, _codeNames[hit.CodeId], DateOnly.FromDayNumber(hit.LastDay))
                {
                    PacksInsteadOfDdd = hit.DddMissing,
                });
            }
        }

        outcome.Evidence.Sort((a, b) =>
        {
            int byPathology = outcome.Pathologies.IndexOf(a.Pathology).CompareTo(outcome.Pathologies.IndexOf(b.Pathology));
            return byPathology != 0 ? byPathology : (a.Source, a.Code, a.Date).CompareTo((b.Source, b.Code, b.Date));
        });
    }

    private bool AgeFits(short criterion, int age) => age >= _criterion[criterion].MinAge && age <= _criterion[criterion].MaxAge;

    private void AddDischargeCode(int person, int day, CodeIndex.Entry entry, Span<bool> counted)
    {
        foreach (short ci in entry.Criteria)
        {
            if (day < _windowStartDay[ci])
            {
                continue;
            }

            ref var hit = ref HitFor(person, ci);
            hit.See(day, entry.CodeId);
            if (!counted[ci])
            {
                counted[ci] = true;
                hit.Count++;
                hit.Satisfied = hit.Count >= _criterion[ci].MinCount;
            }
        }
    }

    /// <summary>Records a use of services; false for records after the as-of date (ignored).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryNoteUse(int person, int day)
    {
        if (day > _asOfDay)
        {
            return false;
        }

        ref int last = ref _lastUseDay[person];
        if (day > last)
        {
            last = day;
        }

        return true;
    }

    private ref Hit HitFor(int person, short criterion)
    {
        ref int first = ref _firstHit[person];
        for (int h = first; h != NoHit; h = _hits[h].Next)
        {
            if (_hits[h].Criterion == criterion)
            {
                return ref _hits[h];
            }
        }

        first = _hits.Add(new Hit { Next = first, Criterion = criterion, LastDay = int.MinValue });
        return ref _hits[first];
    }

    private int GroupIndex(string name)
    {
        if (!_groupIndex.TryGetValue(name, out int index))
        {
            index = _groups.Count;
            _groups.Add(name);
            _groupIndex.Add(name, index);
        }

        return index;
    }

    private CodeIndex Index(CriterionKind kind, Func<string, IEnumerable<string>> parents)
    {
        var byCode = new Dictionary<string, List<short>>(StringComparer.Ordinal);
        for (short ci = 0; ci < _criterion.Length; ci++)
        {
            if (_criterion[ci].Kind == kind)
            {
                foreach (string code in _criterion[ci].Codes)
                {
                    (byCode.TryGetValue(code, out var list) ? list : byCode[code] = []).Add(ci);
                }
            }
        }

        return new CodeIndex(_codeNames, byCode, parents);
    }

    private static UInt128 Bit(int index) => UInt128.One << index;

    /// <summary>The state of one criterion for one person (a node of the person's list).</summary>
    private struct Hit
    {
        public int Next;
        public short Criterion;
        public bool Satisfied;
        public bool DddMissing;
        public byte DateCount;
        public int Count;
        public int LastDay;
        public int CodeId;
        public double Packs;
        public double Ddd;
        public DateSlots Dates;

        /// <summary>Keeps the latest record as the evidence to show.</summary>
        public void See(int day, int codeId)
        {
            if (day > LastDay || (day == LastDay && codeId < CodeId))
            {
                LastDay = day;
                CodeId = codeId;
            }
        }

        public void AddDistinctDate(int day, int needed)
        {
            for (int i = 0; i < DateCount; i++)
            {
                if (Dates[i] == day)
                {
                    return;
                }
            }

            if (DateCount < needed)
            {
                Dates[DateCount++] = day;
            }
        }
    }

    [InlineArray(8)]
    private struct DateSlots
    {
        private int _element;
    }
}
