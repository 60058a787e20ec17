using System.Globalization;
using System.Runtime.CompilerServices;
using Territorio.Kernel.Codes;
using Territorio.Kernel.Hospital;
using Territorio.Kernel.Population;
using Territorio.Rehab.Rules;

namespace Territorio.Rehab.Engine;

/// <summary>
/// Judges one rehab admission by DM 5 agosto 2021 with a rule set: scope (art.1), transfers
/// (art.4 c.4), linkage (art.2 c.2–3), post-acute criteria (art.3) or diagnostic congruence
/// (art.4). Pure and thread-safe; every verdict carries the checks behind it.
/// </summary>
public sealed class RehabEngine(RuleSet rules)
{
    public RuleSet Rules => rules;

    public RehabVerdict Judge(RehabCase c)
    {
        var judgement = new Judgement(c, rules);
        return judgement.Run();
    }

    // The scales' detail is built piece by piece in one buffer per thread.
    [ThreadStatic]
    private static System.Text.StringBuilder? _threadDetail;

    private static readonly string[] SmallNumbers = Enumerable.Range(0, 400).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();

    /// <summary>The state of one judgement: the record, the checks made so far.</summary>
    private sealed class Judgement(RehabCase c, RuleSet rules)
    {
        private readonly List<RuleCheck> _checks = new(8);
        private readonly SdoRecord _r = c.Admission;
        private int? _interval;
        private Icd9CmCode[]? _diagnoses;
        private Icd9CmCode[]? _rehabCodes;
        private RehabVerdict? _decided;
        private (string Article, string Level)? _missing;

        public RehabVerdict Run()
        {
            _interval = c.Acute is { } linked ? _r.AdmissionDate.DayNumber - linked.DischargeDate.DayNumber : null;
            if (!InScope())
            {
                return Verdict(Engine.Verdict.OutOfScope, "art.1 c.1", "");
            }

            if (PatientPath.IsSameDisciplineTransfer(_r))
            {
                return Transfer();
            }

            if (c.Acute is not { } acute)
            {
                Check("art.2 c.3", "linkage", CheckOutcome.Info,
                    $"art.2 c.3: non conseguente ad evento acuto (nessun ricovero per acuti dimesso nei {rules.Linkage.LookbackMonths} mesi prima del {new DayText(_r.AdmissionDate)})",
                    ("lookback_from", Day(_r.AdmissionDate.AddMonths(-rules.Linkage.LookbackMonths))));
                return Art4();
            }

            string acuteDischarge = Day(acute.DischargeDate);
            Check("art.2 c.2", "linkage", CheckOutcome.Info,
                $"art.2 c.2: conseguente ad evento acuto: ricovero {acute.RecordId} (disciplina {acute.Discipline}) dimesso il {acuteDischarge}, {Number(_interval)} giorni prima (art.2 c.5)",
                ("acute_record_id", acute.RecordId), ("acute_discharge_date", acuteDischarge), ("interval_days", Number(_interval)));

            if (c.EarlierRehab is { } earlier)
            {
                // DM 5/8/2021 art.3 c.4 — worsening re-admission after a rehab stay in continuity → art.4
                Check("art.3 c.4", "worsening_readmission", CheckOutcome.Info,
                    $"art.3 c.4: nuovo accesso dopo il ricovero riabilitativo {earlier.RecordId} ({new DayText(earlier.AdmissionDate)}–{new DayText(earlier.DischargeDate)}) in continuità con l'acuzie: si applica l'art.4",
                    ("earlier_rehab_record_id", earlier.RecordId));
                return Art4();
            }

            return _r.Discipline switch
            {
                56 => WithinInterval("art.3 c.1") ? Art3Comma1(acute) : Art4(),
                75 => Art3Comma2(acute),
                28 => WithinInterval("art.3 c.3") ? Art3Comma3(acute) : Art4(),
                _ => Verdict(Engine.Verdict.OutOfScope, "art.1 c.1", ""),
            };
        }

        // DM 5/8/2021 art.1 c.1 — disciplines, regimes, MDC, age ≥ 18, excluded discharge modes
        private bool InScope()
        {
            var scope = rules.Scope;
            int age = Ages.CompletedYears(_r.BirthDate, _r.AdmissionDate);
            List<string>? faults = null;    // rarely needed
            if (!scope.Disciplines.Contains(_r.Discipline))
            {
                (faults ??= []).Add($"disciplina {_r.Discipline} non tra {Join(scope.Disciplines)}");
            }

            if (!scope.Regimes.Contains(_r.Regime))
            {
                (faults ??= []).Add($"regime {_r.Regime} non tra {Join(scope.Regimes)}");
            }

            if (!scope.Mdcs.Contains(_r.Mdc))
            {
                (faults ??= []).Add($"MDC {_r.Mdc} non tra {Join(scope.Mdcs)}");
            }

            if (age < scope.MinAge)
            {
                (faults ??= []).Add($"età {age} anni all'ammissione, minore di {scope.MinAge}");
            }

            if (scope.ExcludedDischargeModes.Contains(_r.DischargeMode))
            {
                (faults ??= []).Add($"modalità di dimissione {_r.DischargeMode} esclusa ({string.Join(" ", scope.ExcludedDischargeModes.Order())})");
            }

            KeyValuePair<string, string>[] inputs =
            [
                new("discipline", Number(_r.Discipline)), new("regime", Number(_r.Regime)), new("mdc", Number(_r.Mdc)),
                new("age", Number(age)), new("discharge_mode", _r.DischargeMode),
            ];
            if (faults is not null)
            {
                Check("art.1 c.1", "scope", CheckOutcome.Failed, "art.1 c.1: fuori ambito: " + string.Join(", ", faults), inputs);
                return false;
            }

            Check("art.1 c.1", "scope", CheckOutcome.Passed,
                $"art.1 c.1: in ambito (disciplina {_r.Discipline}, regime {_r.Regime}, MDC {_r.Mdc}, età {age})", inputs);
            return true;
        }

        // DM 5/8/2021 art.4 c.4 — transfers 28→28, 75→75; 56→56 within the DM 18/10/2012 threshold
        private RehabVerdict Transfer()
        {
            string level = _r.Discipline switch { 28 => "28", 75 => "75", _ => "" };
            if (_r.Discipline != 56)
            {
                Check("art.4 c.4", "transfer", CheckOutcome.Passed,
                    $"art.4 c.4: trasferimento tra unità di disciplina {_r.Discipline} a completamento del trattamento",
                    ("transfer_from_discipline", Number(_r.Discipline)));
                return Verdict(Engine.Verdict.Appropriate, "art.4 c.4", level);
            }

            var source = c.TransferSource;
            int total = _r.LengthOfStay + (source?.LengthOfStay ?? 0);
            string stays = source is null
                ? $"degenza {_r.LengthOfStay} giorni (ricovero di provenienza non trovato nel flusso)"
                : $"degenza {source.LengthOfStay} giorni in {source.RecordId} + {_r.LengthOfStay} giorni = {total}";
            if (!rules.Transfers.MaxStayByMdc.TryGetValue(_r.Mdc, out int max))
            {
                Check("art.4 c.4", "transfer", CheckOutcome.Missing, $"art.4 c.4: trasferimento 56→56, {stays}; nessuna soglia per MDC {_r.Mdc} nel rule set");
                return Verdict(Engine.Verdict.NotAssessable, "art.4 c.4", "");
            }

            bool ok = total <= max;
            Check("art.4 c.4", "transfer", ok ? CheckOutcome.Passed : CheckOutcome.Failed,
                $"art.4 c.4: trasferimento 56→56, {stays} {(ok ? "<=" : ">")} soglia {max} (DM 18/10/2012, MDC {_r.Mdc})",
                ("total_stay_days", Number(total)), ("threshold_days", Number(max)), ("source_record_id", source?.RecordId ?? ""));
            return Verdict(ok ? Engine.Verdict.Appropriate : Engine.Verdict.Inappropriate, "art.4 c.4", "");
        }

        // DM 5/8/2021 art.3 c.1, c.3 and Annex 5 — time interval; failing it → art.3 c.6 → art.4
        private bool WithinInterval(string article)
        {
            int? limit = rules.Annex5.For(_r.Discipline, _r.Mdc);
            if (limit is null)
            {
                Check(article, "annex5_interval", CheckOutcome.Info, $"{article}: nessun limite di intervallo nell'Allegato 5 per disciplina {_r.Discipline}, MDC {_r.Mdc}");
                return true;
            }

            bool ok = _interval <= limit;
            Check(article, "annex5_interval", ok ? CheckOutcome.Passed : CheckOutcome.Failed,
                $"{article}: intervallo {Number(_interval)} giorni {(ok ? "<=" : ">")} limite Allegato 5 di {limit.Value} giorni (disciplina {_r.Discipline}, MDC {_r.Mdc})",
                ("interval_days", Number(_interval)), ("annex5_limit_days", Number(limit.Value)));
            if (!ok)
            {
                Check("art.3 c.6", "interval_failed", CheckOutcome.Info, "art.3 c.6: criterio della distanza temporale non rispettato: si applica l'art.4");
            }

            return ok;
        }

        // DM 5/8/2021 art.3 c.1 — post-acute discipline 56: 56a (lett.b), 56b (lett.c), 56c (lett.a)
        private RehabVerdict Art3Comma1(AcuteDischarge acute)
        {
            var annex3 = rules.Annex3.Matches(RehabCodes());
            int needed56a = Needed56a(3);
            var annex4 = rules.Annex4For(_r.Mdc);
            var acuteDiagnoses = AcuteDiagnoses(acute);
            var correlated = annex4.Matches(acuteDiagnoses);
            return Levels("art.3 c.1",
                Decides("art.3 c.1 lett.b", "56a", annex3.Length >= needed56a,
                    $"{annex3.Length} codici dell'Allegato 3 nella SDO riabilitativa {new CodeListText(annex3)} (ne servono {needed56a})")
                || Decides("art.3 c.1 lett.c", "56b", annex3.Length >= 2,
                    $"{annex3.Length} codici dell'Allegato 3 {new CodeListText(annex3)} (ne servono 2)")
                || (correlated.Length > 0
                    ? Decides("art.3 c.1 lett.a", "56c", true,
                        $"diagnosi dell'acuzie {acute.RecordId} correlate (Allegato 4, MDC {_r.Mdc}): {new CodeListText(correlated)}")
                    : Decides("art.3 c.1 lett.a", "56c", false,
                        $"nessuna diagnosi dell'acuzie {acute.RecordId} {new CodeListText(acuteDiagnoses)} nell'Allegato 4 per MDC {_r.Mdc}")));
        }

        // DM 5/8/2021 art.3 c.2 — post-acute discipline 75: MDC 1 and GCA (Annex 1) in the acute SDO
        private RehabVerdict Art3Comma2(AcuteDischarge acute)
        {
            var gca = rules.Annex1.Matches(AcuteDiagnoses(acute));
            return Levels("art.3 c.2", Decides("art.3 c.2", "75", _r.Mdc == 1 && gca.Length > 0,
                $"MDC {_r.Mdc}{(_r.Mdc == 1 ? "" : " (richiesta MDC 1)")}, GCA (Allegato 1) nell'acuzie {acute.RecordId}: {new CodeListText(gca, "nessuna")}"));
        }

        // DM 5/8/2021 art.3 c.3 — post-acute discipline 28: MDC 1 and mielolesione (Annex 2) in the acute SDO
        private RehabVerdict Art3Comma3(AcuteDischarge acute)
        {
            var spinal = rules.Annex2.Matches(AcuteDiagnoses(acute));
            return Levels("art.3 c.3", Decides("art.3 c.3", "28", _r.Mdc == 1 && spinal.Length > 0,
                $"MDC {_r.Mdc}{(_r.Mdc == 1 ? "" : " (richiesta MDC 1)")}, mielolesione (Allegato 2) nell'acuzie {acute.RecordId}: {new CodeListText(spinal, "nessuna")}"));
        }

        // DM 5/8/2021 art.4 — diagnostic congruence on the rehab SDO alone
        private RehabVerdict Art4() => _r.Discipline switch
        {
            56 => Art4Comma1(),
            75 => Art4Comma2(),
            _ => Art4Comma3(),
        };

        // DM 5/8/2021 art.4 c.1 lett.a–d — discipline 56 by principal diagnosis and Annex 3/2 counts
        private RehabVerdict Art4Comma1()
        {
            bool principalIn = rules.Annex3.Contains(_r.PrincipalDiagnosis);
            var others = rules.Annex3.Matches(RehabCodes().AsSpan(1), except: _r.PrincipalDiagnosis);
            var spinal = rules.Annex2.Matches(Diagnoses());
            int needed56a = Needed56a(3);
            string principal = $"diagnosi principale {_r.PrincipalDiagnosis} {(principalIn ? "nell'Allegato 3" : "non nell'Allegato 3")}";
            return Levels("art.4 c.1",
                Decides("art.4 c.1 lett.a", "56a", principalIn && others.Length >= needed56a,
                    $"{principal} e {others.Length} altri codici dell'Allegato 3 {new CodeListText(others)} (ne servono {needed56a})")
                || Decides("art.4 c.1 lett.b", "56a", spinal.Length >= 2,
                    $"{spinal.Length} codici di mielolesione (Allegato 2) {new CodeListText(spinal)} (ne servono 2)")
                || Decides("art.4 c.1 lett.c", "56b", principalIn && others.Length >= 2,
                    $"{principal} e {others.Length} altri codici dell'Allegato 3 (ne servono 2)")
                || Decides("art.4 c.1 lett.d", "56c", principalIn && others.Length >= 1,
                    $"{principal} e {others.Length} altri codici dell'Allegato 3 (ne serve 1)"));
        }

        // DM 5/8/2021 art.4 c.2 — discipline 75: MDC 1 and a GCA code (Annex 1) in the rehab SDO
        private RehabVerdict Art4Comma2()
        {
            var gca = rules.Annex1.Matches(Diagnoses());
            return Levels("art.4 c.2", Decides("art.4 c.2", "75", _r.Mdc == 1 && gca.Length > 0,
                $"MDC {_r.Mdc}{(_r.Mdc == 1 ? "" : " (richiesta MDC 1)")}, GCA (Allegato 1) nella SDO riabilitativa: {new CodeListText(gca, "nessuna")}"));
        }

        // DM 5/8/2021 art.4 c.3 — discipline 28: a mielolesione code (Annex 2) and another Annex-3 code
        private RehabVerdict Art4Comma3()
        {
            var spinal = rules.Annex2.Matches(RehabCodes());
            var complex = rules.Annex3.Matches(RehabCodes());
            bool met = spinal.Length > 0 && complex.Any(code => spinal.Length > 1 || code != spinal[0]);
            return Levels("art.4 c.3", Decides("art.4 c.3", "28", met,
                $"mielolesione (Allegato 2): {new CodeListText(spinal, "nessuna")}; Allegato 3: {new CodeListText(complex, "nessuno")}"));
        }

        /// <summary>Annex-3 exceptions lower the 56a count for some pathologies (art.3 c.1 lett.b, art.4 c.1 lett.a).</summary>
        private int Needed56a(int standard)
        {
            int needed = standard;
            for (int e = 0; e < rules.Annex3Exceptions.Count; e++)
            {
                var exception = rules.Annex3Exceptions[e];
                var hit = exception.Codes.Matches(RehabCodes());
                if (hit.Length > 0 && exception.MinCodes < needed)
                {
                    needed = exception.MinCodes;
                    Check("all.3", "annex3_exception", CheckOutcome.Info,
                        $"eccezione Allegato 3 '{exception.Codes.Name}' per {new CodeListText(hit)}: bastano {needed} codici per 56a");
                }
            }

            return needed;
        }

        /// <summary>Builds a criterion's reason in one string, without the detail as a string of its own.</summary>
        [InterpolatedStringHandler]
        private ref struct CriterionText
        {
            private DefaultInterpolatedStringHandler _text;

            public CriterionText(int literalLength, int formattedCount, string article, string level)
            {
                _text = new DefaultInterpolatedStringHandler(literalLength + 64, formattedCount + 2);
                _text.AppendLiteral(article);
                _text.AppendLiteral(" (");
                _text.AppendLiteral(level);
                _text.AppendLiteral("): ");
            }

            public void AppendLiteral(string value) => _text.AppendLiteral(value);

            public void AppendFormatted<T>(T value) => _text.AppendFormatted(value);

            public void AppendFormatted(string? value) => _text.AppendFormatted(value);

            public string Finish(bool codesMet)
            {
                _text.AppendLiteral(codesMet ? ": soddisfatto" : ": non soddisfatto");
                return _text.ToStringAndClear();
            }
        }

        /// <summary>
        /// One criterion of a comma, tried after the more complex levels failed (callers chain
        /// them with ||, so the reasons of the levels not reached are never built): true when its
        /// codes and scales match, which decides. Codes matched with scales missing (when
        /// required) are remembered: not assessable unless a later level decides.
        /// </summary>
        private bool Decides(string article, string level, bool codesMet, [InterpolatedStringHandlerArgument(nameof(article), nameof(level))] CriterionText detail)
        {
            Check(article, "codes", codesMet ? CheckOutcome.Passed : CheckOutcome.Failed, detail.Finish(codesMet), ("level", level));
            if (!codesMet)
            {
                return false;
            }

            switch (Scales(article, level))
            {
                case CheckOutcome.Passed:
                    _decided = Verdict(Engine.Verdict.Appropriate, article, level);
                    return true;
                case CheckOutcome.Missing:
                    _missing ??= (article, level);
                    break;
            }

            return false;
        }

        /// <summary>The verdict of a comma once its criteria were tried.</summary>
        private RehabVerdict Levels(string comma, bool decided) =>
            decided ? _decided!
                : _missing is { } m ? Verdict(Engine.Verdict.NotAssessable, m.Article, m.Level)
                : Verdict(Engine.Verdict.Inappropriate, comma, "");

        // DM 5/8/2021 art.2 c.8–10, art.6 — entry scales per level; thresholds from the rule set
        private CheckOutcome Scales(string article, string level)
        {
            var ranges = rules.Scales.For(level);
            var detail = (_threadDetail ??= new System.Text.StringBuilder(128)).Clear();
            detail.Append("scale ").Append(level).Append(": ");
            int applicable = 0;
            for (int r = 0; r < ranges.Count; r++)
            {
                applicable += Applies(ranges[r].Scale) ? 1 : 0;
            }

            KeyValuePair<string, string>[] inputs = applicable == 0 ? [] : new KeyValuePair<string, string>[applicable];
            int count = 0;
            bool failed = false;
            bool missing = false;
            for (int r = 0; r < ranges.Count; r++)
            {
                var range = ranges[r];
                if (!Applies(range.Scale))
                {
                    continue;
                }

                string name = ScaleNames.Of(range.Scale);
                string separator = count > 0 ? ", " : "";
                int? value = ValueOf(range.Scale);
                inputs[count++] = new(name, Number(value));
                if (value is not { } v)
                {
                    missing = true;
                    detail.Append(CultureInfo.InvariantCulture, $"{separator}{name} mancante");
                }
                else if (!range.Contains(v))
                {
                    failed = true;
                    detail.Append(CultureInfo.InvariantCulture, $"{separator}{name} {v} fuori da {range.Min}..{range.Max}");
                }
                else
                {
                    detail.Append(CultureInfo.InvariantCulture, $"{separator}{name} {v} in {range.Min}..{range.Max}");
                }
            }

            if (count == 0)
            {
                detail.Append("nessuna soglia nel rule set");
            }

            if (rules.Scales.Mode == ScaleMode.ReportOnly)
            {
                detail.Append(" (solo rilevazione, sperimentazione art.6)");
                Check(article, "scales", CheckOutcome.Info, detail.ToString(), inputs);
                return CheckOutcome.Passed;
            }

            var outcome = failed ? CheckOutcome.Failed : missing ? CheckOutcome.Missing : CheckOutcome.Passed;
            Check(article, "scales", outcome, detail.ToString(), inputs);
            return outcome;
        }

        // art.2 c.10: Barthel dyspnoea for respiratory (MDC 4) and 6MWT for cardiac (MDC 5) rehab only
        private bool Applies(Scale scale) =>
            !((scale == Scale.BarthelDyspnoea && _r.Mdc != 4) || (scale == Scale.SixMinuteWalk && _r.Mdc != 5));

        private int? ValueOf(Scale scale) => scale switch
        {
            Scale.Rankin => _r.Scales.Rankin,
            Scale.Barthel => _r.Scales.Barthel,
            Scale.BarthelDyspnoea => _r.Scales.BarthelDyspnoea,
            Scale.SixMinuteWalk => _r.Scales.SixMinuteWalkMetres,
            _ => _r.Scales.Rcs,
        };

        /// <summary>The rehab record's principal and secondary diagnoses, in order (built once).</summary>
        private ReadOnlySpan<Icd9CmCode> Diagnoses() => RehabCodes().AsSpan(0, 1 + _r.SecondaryDiagnoses.Count);

        /// <summary>The rehab record's diagnoses then procedures, in order (built once).</summary>
        private Icd9CmCode[] RehabCodes() => _rehabCodes ??= [_r.PrincipalDiagnosis, .. _r.SecondaryDiagnoses, .. _r.Procedures];

        /// <summary>The linked acute stay's principal and secondary diagnoses, in order (built once).</summary>
        private Icd9CmCode[] AcuteDiagnoses(AcuteDischarge acute) => _diagnoses ??= [acute.PrincipalDiagnosis, .. acute.SecondaryDiagnoses];

        private RehabVerdict Verdict(Verdict verdict, string article, string level) =>
            new(_r.RecordId, verdict, c.Acute is not null, c.Acute?.RecordId, _interval, article, level, _checks);

        private void Check(string article, string rule, CheckOutcome outcome, string detail, params ReadOnlySpan<(string Key, string Value)> inputs)
        {
            var pairs = inputs.IsEmpty ? [] : new KeyValuePair<string, string>[inputs.Length];
            for (int i = 0; i < inputs.Length; i++)
            {
                pairs[i] = new(inputs[i].Key, inputs[i].Value);
            }

            _checks.Add(new RuleCheck(article, rule, outcome, detail, pairs));
        }

        private void Check(string article, string rule, CheckOutcome outcome, string detail, KeyValuePair<string, string>[] inputs) =>
            _checks.Add(new RuleCheck(article, rule, outcome, detail, inputs));

        private static string Day(DateOnly date) => date.ToString("O", CultureInfo.InvariantCulture);

        /// <summary>A count or code as text: the small ones every verdict repeats are made once.</summary>
        private static string Number(int value) => (uint)value < (uint)SmallNumbers.Length ? SmallNumbers[value] : value.ToString(CultureInfo.InvariantCulture);

        private static string Number(int? value) => value is { } v ? Number(v) : "";

        private static string Join(IEnumerable<int> values) => string.Join("/", values.Order());
    }

    /// <summary>Codes as "[a b c]" (or a word when there are none), written straight into the reason being built.</summary>
    private readonly struct CodeListText(Icd9CmCode[] codes, string? none = null) : ISpanFormattable
    {
        public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
        {
            charsWritten = 0;
            if (codes.Length == 0 && none is not null)
            {
                return Append(destination, none, ref charsWritten);
            }

            if (!Append(destination, "[", ref charsWritten))
            {
                return false;
            }

            for (int i = 0; i < codes.Length; i++)
            {
                if ((i > 0 && !Append(destination, " ", ref charsWritten)) || !Append(destination, codes[i].Value, ref charsWritten))
                {
                    return false;
                }
            }

            return Append(destination, "]", ref charsWritten);
        }

        public string ToString(string? format, IFormatProvider? provider) => ToString();

        public override string ToString() => $"{this}";

        private static bool Append(Span<char> destination, string text, ref int written)
        {
            if (!text.TryCopyTo(destination[written..]))
            {
                return false;
            }

            written += text.Length;
            return true;
        }
    }

    /// <summary>
    /// A date as yyyy-MM-dd in any culture, written straight into the reason being built. The
    /// round-trip format "O" is that text, written digit by digit by the runtime (a custom
    /// pattern goes through the general formatter: slower, and more code to compile).
    /// </summary>
    private readonly struct DayText(DateOnly date) : ISpanFormattable
    {
        public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
            date.TryFormat(destination, out charsWritten, "O", CultureInfo.InvariantCulture);

        public string ToString(string? format, IFormatProvider? provider) => ToString();

        public override string ToString() => date.ToString("O", CultureInfo.InvariantCulture);
    }
}
