using System.Globalization;
using Territorio.Kernel.Codes;
using Territorio.Kernel.Errors;

namespace Territorio.Stratification.Criteria;

/// <summary>
/// Parses a criteria file (format: data/stratification/README.md). Every line is
/// <c>key: value | key: value …</c>; the first key says what the line is. Every code is
/// checked: ICD-9-CM against the Italian 2007 catalogue, ATC by shape, pathologies against the
/// regional catalogue. The first mistake stops the load with file, line, field and reason.
/// </summary>
public sealed class CriteriaParser(Icd9CmCatalogue icd9Cm, PathologyCatalogue catalogue, ExemptionCodes? exemptionCodes = null)
{
    private readonly ExemptionCodes _exemptionCodes = exemptionCodes ?? ExemptionCodes.None;

    private const int MaxDistinctDates = 8;

    public StratificationCriteria Parse(TextReader reader, string fileName)
    {
        string? version = null;
        string? status = null;
        int useWindow = 12;
        var pathologies = new List<PathologyBuilder>();
        int lineNumber = 0;
        while (reader.ReadLine() is { } raw)
        {
            lineNumber++;
            string text = StripComment(raw).Trim();
            if (text.Length == 0)
            {
                continue;
            }

            var line = new Line(fileName, lineNumber, text);
            switch (line.Kind)
            {
                case "version":
                    version = line.Head;
                    break;
                case "status":
                    status = line.Head;
                    break;
                case "use-window":
                    useWindow = line.Months(line.Head, "use-window");
                    break;
                case "pathology":
                    pathologies.Add(ParsePathology(line, pathologies));
                    break;
                case "sdo-dx" or "sdo-proc" or "drugs" or "exemption" or "outpatient":
                    if (pathologies.Count == 0)
                    {
                        throw line.Error(line.Kind, line.Head, "criterio prima di ogni riga 'pathology:'");
                    }

                    pathologies[^1].Criteria.Add(ParseCriterion(line));
                    break;
                default:
                    throw line.Error(line.Kind, text, "tipo di riga sconosciuto (version, status, use-window, pathology, sdo-dx, sdo-proc, drugs, exemption, outpatient)");
            }
        }

        if (version is null || status is null)
        {
            throw new InputDataException(new InputError(fileName, lineNumber, version is null ? "version" : "status", "", "riga obbligatoria mancante"));
        }

        var known = pathologies.Select(p => p.Entry.Code).ToHashSet();
        foreach (var p in pathologies)
        {
            foreach (int replaced in p.Replaces.Where(r => !known.Contains(r)))
            {
                throw new InputDataException(new InputError(fileName, p.Line, "replaces", replaced.ToString(CultureInfo.InvariantCulture), "la patologia sostituita non ha criteri in questo file"));
            }
        }

        return new StratificationCriteria(version, status, useWindow,
            [.. pathologies.Select(p => new PathologyCriteria(p.Entry, p.Weight, p.WeightRationale, p.Replaces, p.Criteria))], fileName)
        {
            ExemptionCodes = _exemptionCodes,
        };
    }

    private PathologyBuilder ParsePathology(Line line, List<PathologyBuilder> earlier)
    {
        if (!int.TryParse(line.Head, NumberStyles.None, CultureInfo.InvariantCulture, out int code) || catalogue.Find(code) is not { } entry)
        {
            throw line.Error("pathology", line.Head, "codice assente dal catalogo regionale delle patologie croniche");
        }

        if (earlier.Any(p => p.Entry.Code == code))
        {
            throw line.Error("pathology", line.Head, "patologia già definita in questo file");
        }

        double weight = line.Number("weight", required: true);
        var replaces = line.Optional("replaces") is { } list
            ? list.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(r => int.TryParse(r, CultureInfo.InvariantCulture, out int c) && catalogue.Find(c) is not null
                ? c
                : throw line.Error("replaces", r, "codice assente dal catalogo regionale")).ToList()
            : [];
        return new PathologyBuilder(entry, weight, line.Required("why"), replaces, line.LineNumber);
    }

    private Criterion ParseCriterion(Line line)
    {
        var kind = line.Kind switch
        {
            "sdo-dx" => CriterionKind.SdoDiagnosis,
            "sdo-proc" => CriterionKind.SdoProcedure,
            "drugs" => CriterionKind.Drugs,
            "exemption" => CriterionKind.Exemption,
            _ => CriterionKind.Outpatient,
        };
        var codes = line.Head.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(c => CheckCode(line, kind, c)).ToList();
        if (codes.Count == 0)
        {
            throw line.Error(line.Kind, "", "nessun codice");
        }

        int defaultWindow = kind == CriterionKind.SdoDiagnosis || kind == CriterionKind.SdoProcedure ? 60 : 12;
        int window = kind == CriterionKind.Exemption ? 0 : line.Optional("lookback") is { } lb ? line.Months(lb, "lookback") : defaultWindow;
        int minDates = (int)line.Number("min-dates");
        if (minDates > MaxDistinctDates)
        {
            throw line.Error("min-dates", minDates.ToString(CultureInfo.InvariantCulture), $"al massimo {MaxDistinctDates} date distinte");
        }

        if (kind != CriterionKind.Drugs && (line.Optional("min-packs") ?? line.Optional("min-ddd") ?? line.Optional("min-dates") ?? line.Optional("fallback-packs")) is { } misplaced)
        {
            throw line.Error(line.Kind, misplaced, "soglie di confezioni/DDD/date valgono solo per i farmaci");
        }

        // DDDs come from a licensed file the user may not load (WHO ATC/DDD index, © WHOCC): a
        // DDD threshold must say how many packs stand for it.
        double minDdd = line.Number("min-ddd");
        double fallbackPacks = line.Number("fallback-packs");
        if (minDdd > 0 && fallbackPacks <= 0)
        {
            throw line.Error("fallback-packs", "", "una soglia min-ddd richiede fallback-packs (le confezioni da contare quando le DDD non sono caricate)");
        }

        return new Criterion(kind, codes, window, Math.Max(1, (int)line.Number("min-count")),
            line.Number("min-packs"), minDdd, minDates,
            (int)line.Number("min-age"), line.Optional("max-age") is null ? int.MaxValue : (int)line.Number("max-age"), line.Required("why"), line.LineNumber)
        {
            FallbackPacks = fallbackPacks,
        };
    }

    private string CheckCode(Line line, CriterionKind kind, string code)
    {
        switch (kind)
        {
            case CriterionKind.SdoDiagnosis or CriterionKind.SdoProcedure:
                var icdKind = kind == CriterionKind.SdoDiagnosis ? Icd9CmKind.Diagnosis : Icd9CmKind.Procedure;
                if (!Icd9CmCode.TryParse(code, icdKind, out var icd) || !icd9Cm.Contains(icd))
                {
                    throw line.Error(line.Kind, code, "codice ICD-9-CM sconosciuto (edizione italiana 2007)");
                }

                return icd.Value;
            case CriterionKind.Drugs when !AtcCode.IsValidPrefix(code):
                throw line.Error(line.Kind, code, "codice ATC non valido (forma L-NN-L-L-NN, gruppo anatomico noto)");
            case CriterionKind.Exemption when !ExemptionCode.IsValid(code):
                throw line.Error(line.Kind, code, "codice di esenzione non valido (3-6 lettere maiuscole o cifre, poi un eventuale sotto-codice dopo il punto)");
            case CriterionKind.Exemption:
                string normalised = _exemptionCodes.Normalise(code);
                if (_exemptionCodes.Diseases.Count > 0 && !_exemptionCodes.IsKnownDisease(ExemptionCode.Disease(normalised).ToString()))
                {
                    throw line.Error(line.Kind, code, "codice di malattia assente dall'elenco delle esenzioni (DM 329/1999, DPCM 12/1/2017 all. 8)");
                }

                return normalised;
            case CriterionKind.Outpatient when !OutpatientCode.IsValid(code):
                throw line.Error(line.Kind, code, "codice di prestazione non valido (cifre, lettere e punti)");
            default:
                return code;
        }
    }

    private static string StripComment(string raw)
    {
        int hash = raw.IndexOf('#');
        return hash < 0 ? raw : raw[..hash];
    }

    private sealed record PathologyBuilder(CatalogueEntry Entry, double Weight, string WeightRationale, List<int> Replaces, int Line)
    {
        public List<Criterion> Criteria { get; } = [];
    }

    /// <summary>One parsed line: its kind, the value of its first key, the other keys.</summary>
    private sealed class Line
    {
        private readonly Dictionary<string, string> _fields = new(StringComparer.Ordinal);
        private readonly string _file;

        public Line(string file, int number, string text)
        {
            _file = file;
            LineNumber = number;
            var parts = text.Split('|', StringSplitOptions.TrimEntries);
            for (int i = 0; i < parts.Length; i++)
            {
                int colon = parts[i].IndexOf(':');
                if (colon <= 0)
                {
                    throw Error("", parts[i], "atteso 'chiave: valore'");
                }

                string key = parts[i][..colon].Trim();
                string value = parts[i][(colon + 1)..].Trim();
                if (i == 0)
                {
                    Kind = key;
                    Head = value;
                }
                else if (!_fields.TryAdd(key, value))
                {
                    throw Error(key, value, "chiave ripetuta");
                }
            }
        }

        public int LineNumber { get; }

        public string Kind { get; } = "";

        public string Head { get; } = "";

        public string? Optional(string key) => _fields.GetValueOrDefault(key);

        public string Required(string key) =>
            _fields.TryGetValue(key, out string? value) && value.Length > 0 ? value : throw Error(key, "", "campo obbligatorio mancante");

        public double Number(string key, bool required = false)
        {
            string? value = required ? Required(key) : Optional(key);
            if (value is null)
            {
                return 0;
            }

            return double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double number)
                ? number
                : throw Error(key, value, "numero non valido");
        }

        /// <summary>A window such as <c>5y</c> or <c>18m</c>, in months.</summary>
        public int Months(string value, string key)
        {
            if (value.Length >= 2 && int.TryParse(value.AsSpan(0, value.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0)
            {
                switch (value[^1])
                {
                    case 'y':
                        return n * 12;
                    case 'm':
                        return n;
                }
            }

            throw Error(key, value, "finestra non valida (es. 5y o 12m)");
        }

        public InputDataException Error(string field, string value, string reason) =>
            new(new InputError(_file, LineNumber, field, value, reason));
    }
}
