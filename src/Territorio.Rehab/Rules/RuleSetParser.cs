using System.Collections.Frozen;
using System.Globalization;
using Territorio.Kernel.Codes;
using Territorio.Kernel.Errors;

namespace Territorio.Rehab.Rules;

/// <summary>
/// Reads a rule-set file (format: docs/rehab-ruleset-format.md) and validates it whole before any
/// work starts: every code must exist in the Italian ICD-9-CM 2007 catalogue, every number be a
/// number, every section and key be known. The first fault stops the load with file, line,
/// key, value and reason.
/// </summary>
public sealed class RuleSetParser(Icd9CmCatalogue catalogue)
{
    private static readonly string[] Levels = ["56a", "56b", "56c", "28", "75"];

    private readonly Lazy<CodesInOrder> _diagnoses = new(() => new CodesInOrder(catalogue.Diagnoses));
    private readonly Lazy<CodesInOrder> _procedures = new(() => new CodesInOrder(catalogue.Procedures));

    public RuleSet Parse(TextReader text, string fileName)
    {
        var sections = ReadSections(text, fileName);
        var file = new SectionSet(sections, fileName);

        var header = file.Single("ruleset");
        var scope = file.Single("scope");
        var linkage = file.Single("linkage");
        var annex5 = file.Single("annex5");
        var scales = file.Single("scales");
        var transfers = file.Single("transfers");

        var annex4 = new Dictionary<int, CodeList>();
        foreach (var section in file.Named("annex4"))
        {
            int mdc = MdcOf(section, section.Argument);
            annex4[mdc] = List(section);
        }

        var exceptions = file.Named("exception").Select(section =>
        {
            if (section.Argument != "annex3" && !section.Argument.StartsWith("annex3 ", StringComparison.Ordinal))
            {
                throw section.Fault("", section.Argument, "solo l'Allegato 3 prevede eccezioni: atteso [exception annex3 <nome>]");
            }

            return new Annex3Exception(List(section, "min_codes"), section.Int("min_codes", 0, 2));
        }).ToList();

        var rules = new RuleSet
        {
            Id = header.Text("id"),
            Version = header.Text("version"),
            Status = header.Text("status"),
            Title = header.Optional("title"),
            Source = header.Optional("source"),
            Origin = fileName,
            Scope = new ScopeRules(
                scope.Ints("disciplines", 1, 99).ToFrozenSet(),
                scope.Ints("regimes", 1, 2).ToFrozenSet(),
                scope.Ints("mdc", 0, 25).ToFrozenSet(),
                scope.Int("min_age", 0, 150),
                scope.Words("excluded_discharge_modes").ToFrozenSet(StringComparer.Ordinal),
                scope.Text("rationale")),
            Linkage = new LinkageRules(linkage.Int("lookback_months", 1, 120), linkage.Int("continuity_days", 0, 3650), linkage.Text("rationale")),
            Annex1 = List(file.Single("list", "annex1")),
            Annex2 = List(file.Single("list", "annex2")),
            Annex3 = List(file.Single("list", "annex3")),
            Annex3Exceptions = exceptions,
            Annex4 = annex4.ToFrozenDictionary(),
            Annex5 = new IntervalLimits(IntervalDays(annex5), annex5.Text("rationale")),
            Scales = ScaleRulesOf(scales, file),
            Transfers = new TransferRules(MaxStays(transfers), transfers.Text("rationale")),
            CodeLabels = new CodeLabels(catalogue),
        };
        foreach (var section in sections)
        {
            section.RejectUnusedKeys();
        }

        return rules;
    }

    private CodeList List(Section section, params string[] extraKeys)
    {
        var items = new List<string>();
        var codes = new List<Icd9CmCode>();
        var entries = new Dictionary<Icd9CmCode, string>();
        foreach (var (key, kind) in new[] { ("diagnoses", Icd9CmKind.Diagnosis), ("procedures", Icd9CmKind.Procedure) })
        {
            if (!section.Has(key))
            {
                continue;
            }

            foreach (string item in section.Words(key))
            {
                string entry = kind == Icd9CmKind.Procedure ? "proc. " + item : item;
                foreach (var code in Expand(section, key, item, kind))
                {
                    codes.Add(code);
                    entries.TryAdd(code, entry);
                }

                items.Add(entry);
            }
        }

        if (items.Count == 0)
        {
            throw section.Fault("diagnoses", "", "la lista non contiene codici (diagnoses o procedures)");
        }

        section.MarkUsed(extraKeys);
        return new CodeList(section.Header, section.Optional("title"), section.Text("rationale"), items, codes, entries);
    }

    /// <summary>A code covers itself and every code below it; a range covers categories from..to.</summary>
    private IEnumerable<Icd9CmCode> Expand(Section section, string key, string item, Icd9CmKind kind)
    {
        string[] ends = item.Split('-');
        if (ends.Length > 2)
        {
            throw section.Fault(key, item, "intervallo non valido (atteso DA-A)");
        }

        var bounds = ends.Select(end =>
        {
            if (!Icd9CmCode.TryParse(end, kind, out var code) || !catalogue.Contains(code))
            {
                throw section.Fault(key, end, $"codice ICD-9-CM {(kind == Icd9CmKind.Diagnosis ? "di diagnosi" : "di procedura")} sconosciuto (edizione italiana 2007)");
            }

            return code.Value;
        }).ToArray();
        string from = bounds[0];
        string to = bounds[^1];
        if (from.Length != to.Length || string.CompareOrdinal(from, to) > 0)
        {
            throw section.Fault(key, item, "intervallo non valido: estremi di pari lunghezza e in ordine crescente");
        }

        foreach (var code in (kind == Icd9CmKind.Diagnosis ? _diagnoses : _procedures).Value.Between(from, to))
        {
            yield return code;
        }
    }

    private static FrozenDictionary<(int, int), int> IntervalDays(Section section)
    {
        var days = new Dictionary<(int, int), int>();
        foreach (string key in section.Keys.Where(k => k != "rationale").ToList())
        {
            string[] parts = key.Split('.');
            if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int discipline) || parts.Length > 2)
            {
                throw section.Fault(key, key, "chiave non valida: attesa <disciplina> o <disciplina>.mdc<N>");
            }

            int mdc = parts.Length == 2 ? MdcOf(section, parts[1], key) : 0;
            days[(discipline, mdc)] = section.Int(key, 0, 3650);
        }

        return days.ToFrozenDictionary();
    }

    private static FrozenDictionary<int, int> MaxStays(Section section)
    {
        var stays = new Dictionary<int, int>();
        foreach (string key in section.Keys.Where(k => k.StartsWith("max_stay.", StringComparison.Ordinal)).ToList())
        {
            stays[MdcOf(section, key["max_stay.".Length..], key)] = section.Int(key, 1, 3650);
        }

        return stays.ToFrozenDictionary();
    }

    private static ScaleRules ScaleRulesOf(Section scales, SectionSet file)
    {
        string modeText = scales.Text("mode");
        var mode = modeText switch
        {
            "report-only" => ScaleMode.ReportOnly,
            "required" => ScaleMode.Required,
            _ => throw scales.Fault("mode", modeText, "atteso report-only o required"),
        };
        var byLevel = new Dictionary<string, IReadOnlyList<ScaleRange>>(StringComparer.Ordinal);
        foreach (var section in file.Named("scales").Where(s => s.Argument.Length > 0))
        {
            if (!Levels.Contains(section.Argument))
            {
                throw section.Fault("", section.Argument, $"livello sconosciuto (attesi {string.Join(", ", Levels)})");
            }

            byLevel[section.Argument] = section.Keys.ToList().Select(key =>
            {
                if (!ScaleNames.ByName.TryGetValue(key, out var scale))
                {
                    throw section.Fault(key, key, $"scala sconosciuta (attese {string.Join(", ", ScaleNames.ByName.Keys)})");
                }

                var (min, max) = section.Range(key);
                return new ScaleRange(scale, min, max);
            }).ToList();
        }

        return new ScaleRules(mode, byLevel.ToFrozenDictionary(StringComparer.Ordinal), scales.Text("rationale"));
    }

    private static int MdcOf(Section section, string text, string? key = null)
    {
        if (text.StartsWith("mdc", StringComparison.Ordinal)
            && int.TryParse(text.AsSpan(3), NumberStyles.None, CultureInfo.InvariantCulture, out int mdc) && mdc is >= 1 and <= 25)
        {
            return mdc;
        }

        throw section.Fault(key ?? "", text, "MDC non valida (atteso mdc<N>, N tra 1 e 25)");
    }

    private static List<Section> ReadSections(TextReader text, string fileName)
    {
        var sections = new List<Section>();
        Section? current = null;
        int lineNumber = 0;
        while (text.ReadLine() is { } raw)
        {
            lineNumber++;
            string line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            if (line[0] == '[')
            {
                if (line[^1] != ']')
                {
                    throw new InputDataException(new InputError(fileName, lineNumber, "", line, "intestazione di sezione non chiusa (atteso [nome])"));
                }

                current = new Section(line[1..^1].Trim(), fileName, lineNumber);
                sections.Add(current);
                continue;
            }

            int equals = line.IndexOf('=');
            if (equals <= 0 || current is null)
            {
                throw new InputDataException(new InputError(fileName, lineNumber, "", line, current is null ? "riga fuori da ogni sezione" : "atteso chiave = valore"));
            }

            current.Add(line[..equals].Trim(), line[(equals + 1)..].Trim(), lineNumber);
        }

        return sections;
    }

    private sealed class SectionSet(List<Section> sections, string fileName)
    {
        private static readonly HashSet<string> Known = ["ruleset", "scope", "linkage", "list", "exception", "annex4", "annex5", "scales", "transfers"];

        private readonly List<Section> _sections = Validate(sections, fileName);

        public IEnumerable<Section> Named(string kind) => _sections.Where(s => s.Kind == kind);

        public Section Single(string kind, string argument = "")
        {
            var found = _sections.Where(s => s.Kind == kind && s.Argument == argument).ToList();
            string header = argument.Length > 0 ? $"{kind} {argument}" : kind;
            return found.Count switch
            {
                1 => found[0],
                0 => throw new InputDataException(new InputError(fileName, 0, "", $"[{header}]", "sezione obbligatoria mancante")),
                _ => throw found[1].Fault("", $"[{header}]", "sezione ripetuta"),
            };
        }

        private static List<Section> Validate(List<Section> sections, string fileName)
        {
            foreach (var section in sections.Where(s => !Known.Contains(s.Kind)))
            {
                throw section.Fault("", $"[{section.Header}]", $"sezione sconosciuta (attese: {string.Join(", ", Known)})");
            }

            foreach (var group in sections.GroupBy(s => s.Header).Where(g => g.Count() > 1))
            {
                throw group.ElementAt(1).Fault("", $"[{group.Key}]", "sezione ripetuta");
            }

            _ = fileName;
            return sections;
        }
    }

    private sealed class Section(string header, string fileName, int line)
    {
        private readonly Dictionary<string, (string Value, int Line)> _values = new(StringComparer.Ordinal);
        private readonly HashSet<string> _used = new(StringComparer.Ordinal);

        public string Header { get; } = header;

        public string Kind => Header.Split(' ', 2)[0];

        public string Argument => Header.Split(' ', 2) is [_, var rest] ? rest.Trim() : "";

        public IEnumerable<string> Keys => _values.Keys;

        public void Add(string key, string value, int lineNumber)
        {
            if (!_values.TryAdd(key, (value, lineNumber)))
            {
                throw new InputDataException(new InputError(fileName, lineNumber, key, value, $"chiave ripetuta nella sezione [{Header}]"));
            }
        }

        public bool Has(string key) => _values.ContainsKey(key);

        public void MarkUsed(IEnumerable<string> keys) => _used.UnionWith(keys);

        public string Optional(string key)
        {
            _used.Add(key);
            return _values.TryGetValue(key, out var entry) ? entry.Value : "";
        }

        public string Text(string key)
        {
            string value = Optional(key);
            return value.Length > 0 ? value : throw Fault(key, "", $"chiave obbligatoria mancante o vuota nella sezione [{Header}]");
        }

        public string[] Words(string key) => Optional(key).Split([' ', '\t', ','], StringSplitOptions.RemoveEmptyEntries);

        public int Int(string key, int min, int max) => Number(key, Text(key), min, max);

        public List<int> Ints(string key, int min, int max) =>
            Words(key) is { Length: > 0 } words ? words.Select(w => Number(key, w, min, max)).ToList() : throw Fault(key, "", "lista vuota");

        public (int Min, int Max) Range(string key)
        {
            string text = Text(key);
            string[] parts = text.Split("..");
            if (parts.Length != 2)
            {
                throw Fault(key, text, "intervallo non valido (atteso MIN..MAX)");
            }

            int min = Number(key, parts[0].Trim(), 0, 10_000);
            int max = Number(key, parts[1].Trim(), 0, 10_000);
            return min <= max ? (min, max) : throw Fault(key, text, "intervallo non valido: MIN maggiore di MAX");
        }

        public void RejectUnusedKeys()
        {
            foreach (string key in _values.Keys.Where(k => !_used.Contains(k)))
            {
                throw Fault(key, _values[key].Value, $"chiave sconosciuta nella sezione [{Header}]");
            }
        }

        public InputDataException Fault(string key, string value, string reason) =>
            new(new InputError(fileName, _values.TryGetValue(key, out var entry) ? entry.Line : line, key, value, reason));

        private int Number(string key, string text, int min, int max)
        {
            _used.Add(key);
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value >= min && value <= max
                ? value
                : throw Fault(key, text, $"numero non valido (atteso tra {min} e {max})");
        }
    }
}

/// <summary>
/// A kind's codes in the catalogue's order, with an index by text: a range of the rule set is found
/// by two binary searches instead of a walk of the whole catalogue (a rule set has hundreds of ranges,
/// the catalogue ≈16,000 codes: the walk was most of the start of a check, decision 0220).
/// </summary>
internal sealed class CodesInOrder
{
    private readonly Icd9CmCode[] _codes;
    private readonly int[] _byText;

    public CodesInOrder(IEnumerable<Icd9CmEntry> entries)
    {
        _codes = [.. entries.Select(e => e.Code)];
        _byText = [.. Enumerable.Range(0, _codes.Length)];
        Array.Sort(_byText, (a, b) => string.CompareOrdinal(_codes[a].Value, _codes[b].Value));
    }

    /// <summary>
    /// The codes at least as long as <paramref name="from"/> whose first characters lie between
    /// <paramref name="from"/> and <paramref name="to"/> (both as long), in the catalogue's order.
    /// Cutting texts to their first characters keeps their order, so they sit together in the index.
    /// </summary>
    public IEnumerable<Icd9CmCode> Between(string from, string to)
    {
        int length = from.Length;
        int first = FirstWhere(text => string.CompareOrdinal(text, 0, from, 0, length) >= 0);
        int end = FirstWhere(text => string.CompareOrdinal(text, 0, to, 0, length) > 0);
        var positions = new List<int>(Math.Max(0, end - first));
        for (int i = first; i < end; i++)
        {
            if (_codes[_byText[i]].Value.Length >= length)
            {
                positions.Add(_byText[i]);
            }
        }

        positions.Sort();
        return positions.Select(p => _codes[p]);
    }

    /// <summary>The first index position whose text satisfies <paramref name="after"/> (false for a prefix of the index, true for the rest).</summary>
    private int FirstWhere(Func<string, bool> after)
    {
        int low = 0, high = _byText.Length;
        while (low < high)
        {
            int middle = (low + high) >>> 1;
            if (after(_codes[_byText[middle]].Value))
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return low;
    }
}
