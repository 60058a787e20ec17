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

    /// <summary>The state of one judgement: the record, the checks made so far.</summary>
    private sealed class Judgement(RehabCase c, RuleSet rules)
    {
        private readonly List<RuleCheck> _checks = new(8);
        private readonly SdoRecord _r = c.Admission;
        private int? _interval;

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
                    $"art.2 c.3: non conseguente ad evento acuto (nessun ricovero per acuti dimesso nei {rules.Linkage.LookbackMonths} mesi prima del {Day(_r.AdmissionDate)})",
                    ("lookback_from", Day(_r.AdmissionDate.AddMonths(-rules.Linkage.LookbackMonths))));
                return Art4();
            }

            Check("art.2 c.2", "linkage", CheckOutcome.Info,
                $"art.2 c.2: conseguente ad evento acuto: ricovero {acute.RecordId} (disciplina {acute.Discipline}) dimesso il {Day(acute.DischargeDate)}, {_interval} giorni prima (art.2 c.5)",
                ("acute_record_id", acute.RecordId), ("acute_discharge_date", Day(acute.DischargeDate)), ("interval_days", _interval!.Value.ToString()));

            if (c.EarlierRehab is { } earlier)
            {
                // DM 5/8/2021 art.3 c.4 — worsening re-admission after a rehab stay in continuity → art.4
                Check("art.3 c.4", "worsening_readmission", CheckOutcome.Info,
                    $"art.3 c.4: nuovo accesso dopo il ricovero riabilitativo {earlier.RecordId} ({Day(earlier.AdmissionDate)}–{Day(earlier.DischargeDate)}) in continuità con l'acuzie: si applica l'art.4",
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
            var faults = new List<string>();
            if (!scope.Disciplines.Contains(_r.Discipline))
            {
                faults.Add($"disciplina {_r.Discipline} non tra {Join(scope.Disciplines)}");
            }

            if (!scope.Regimes.Contains(_r.Regime))
            {
                faults.Add($"regime {_r.Regime} non tra {Join(scope.Regimes)}");
            }

            if (!scope.Mdcs.Contains(_r.Mdc))
            {
                faults.Add($"MDC {_r.Mdc} non tra {Join(scope.Mdcs)}");
            }

            if (age < scope.MinAge)
            {
                faults.Add($"età {age} anni all'ammissione, minore di {scope.MinAge}");
            }

            if (scope.ExcludedDischargeModes.Contains(_r.DischargeMode))
            {
                faults.Add($"modalità di dimissione {_r.DischargeMode} esclusa ({string.Join(" ", scope.ExcludedDischargeModes.Order())})");
            }

            (string, string)[] inputs =
            [
                ("discipline", _r.Discipline.ToString()), ("regime", _r.Regime.ToString()), ("mdc", _r.Mdc.ToString()),
                ("age", age.ToString()), ("discharge_mode", _r.DischargeMode),
            ];
            if (faults.Count > 0)
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
            string level = _r.Discipline is 28 or 75 ? _r.Discipline.ToString() : "";
            if (_r.Discipline != 56)
            {
                Check("art.4 c.4", "transfer", CheckOutcome.Passed,
                    $"art.4 c.4: trasferimento tra unità di disciplina {_r.Discipline} a completamento del trattamento",
                    ("transfer_from_discipline", _r.Discipline.ToString()));
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
                ("total_stay_days", total.ToString()), ("threshold_days", max.ToString()), ("source_record_id", source?.RecordId ?? ""));
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
                $"{article}: intervallo {_interval} giorni {(ok ? "<=" : ">")} limite Allegato 5 di {limit} giorni (disciplina {_r.Discipline}, MDC {_r.Mdc})",
                ("interval_days", _interval.ToString()!), ("annex5_limit_days", limit.Value.ToString()));
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
            var correlated = annex4.Matches(acute.Diagnoses);
            return Levels("art.3 c.1",
                new Criterion("lett.b", "56a", annex3.Count >= needed56a,
                    $"{annex3.Count} codici dell'Allegato 3 nella SDO riabilitativa {Codes(annex3)} (ne servono {needed56a})"),
                new Criterion("lett.c", "56b", annex3.Count >= 2,
                    $"{annex3.Count} codici dell'Allegato 3 {Codes(annex3)} (ne servono 2)"),
                new Criterion("lett.a", "56c", correlated.Count > 0,
                    correlated.Count > 0
                        ? $"diagnosi dell'acuzie {acute.RecordId} correlate (Allegato 4, MDC {_r.Mdc}): {Codes(correlated)}"
                        : $"nessuna diagnosi dell'acuzie {acute.RecordId} {Codes(acute.Diagnoses.ToList())} nell'Allegato 4 per MDC {_r.Mdc}"));
        }

        // DM 5/8/2021 art.3 c.2 — post-acute discipline 75: MDC 1 and GCA (Annex 1) in the acute SDO
        private RehabVerdict Art3Comma2(AcuteDischarge acute)
        {
            var gca = rules.Annex1.Matches(acute.Diagnoses);
            return Levels("art.3 c.2", new Criterion("", "75", _r.Mdc == 1 && gca.Count > 0,
                $"MDC {_r.Mdc}{(_r.Mdc == 1 ? "" : " (richiesta MDC 1)")}, GCA (Allegato 1) nell'acuzie {acute.RecordId}: {(gca.Count > 0 ? Codes(gca) : "nessuna")}"));
        }

        // DM 5/8/2021 art.3 c.3 — post-acute discipline 28: MDC 1 and mielolesione (Annex 2) in the acute SDO
        private RehabVerdict Art3Comma3(AcuteDischarge acute)
        {
            var spinal = rules.Annex2.Matches(acute.Diagnoses);
            return Levels("art.3 c.3", new Criterion("", "28", _r.Mdc == 1 && spinal.Count > 0,
                $"MDC {_r.Mdc}{(_r.Mdc == 1 ? "" : " (richiesta MDC 1)")}, mielolesione (Allegato 2) nell'acuzie {acute.RecordId}: {(spinal.Count > 0 ? Codes(spinal) : "nessuna")}"));
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
            var others = rules.Annex3.Matches(_r.SecondaryDiagnoses.Concat(_r.Procedures).Where(code => code != _r.PrincipalDiagnosis));
            var spinal = rules.Annex2.Matches(Diagnoses());
            int needed56a = Needed56a(3);
            string principal = $"diagnosi principale {_r.PrincipalDiagnosis} {(principalIn ? "nell'Allegato 3" : "non nell'Allegato 3")}";
            return Levels("art.4 c.1",
                new Criterion("lett.a", "56a", principalIn && others.Count >= needed56a,
                    $"{principal} e {others.Count} altri codici dell'Allegato 3 {Codes(others)} (ne servono {needed56a})"),
                new Criterion("lett.b", "56a", spinal.Count >= 2,
                    $"{spinal.Count} codici di mielolesione (Allegato 2) {Codes(spinal)} (ne servono 2)"),
                new Criterion("lett.c", "56b", principalIn && others.Count >= 2,
                    $"{principal} e {others.Count} altri codici dell'Allegato 3 (ne servono 2)"),
                new Criterion("lett.d", "56c", principalIn && others.Count >= 1,
                    $"{principal} e {others.Count} altri codici dell'Allegato 3 (ne serve 1)"));
        }

        // DM 5/8/2021 art.4 c.2 — discipline 75: MDC 1 and a GCA code (Annex 1) in the rehab SDO
        private RehabVerdict Art4Comma2()
        {
            var gca = rules.Annex1.Matches(Diagnoses());
            return Levels("art.4 c.2", new Criterion("", "75", _r.Mdc == 1 && gca.Count > 0,
                $"MDC {_r.Mdc}{(_r.Mdc == 1 ? "" : " (richiesta MDC 1)")}, GCA (Allegato 1) nella SDO riabilitativa: {(gca.Count > 0 ? Codes(gca) : "nessuna")}"));
        }

        // DM 5/8/2021 art.4 c.3 — discipline 28: a mielolesione code (Annex 2) and another Annex-3 code
        private RehabVerdict Art4Comma3()
        {
            var spinal = rules.Annex2.Matches(RehabCodes());
            var complex = rules.Annex3.Matches(RehabCodes());
            bool met = spinal.Count > 0 && complex.Any(code => spinal.Count > 1 || code != spinal[0]);
            return Levels("art.4 c.3", new Criterion("", "28", met,
                $"mielolesione (Allegato 2): {(spinal.Count > 0 ? Codes(spinal) : "nessuna")}; Allegato 3: {(complex.Count > 0 ? Codes(complex) : "nessuno")}"));
        }

        /// <summary>Annex-3 exceptions lower the 56a count for some pathologies (art.3 c.1 lett.b, art.4 c.1 lett.a).</summary>
        private int Needed56a(int standard)
        {
            int needed = standard;
            foreach (var exception in rules.Annex3Exceptions)
            {
                var hit = exception.Codes.Matches(RehabCodes());
                if (hit.Count > 0 && exception.MinCodes < needed)
                {
                    needed = exception.MinCodes;
                    Check("all.3", "annex3_exception", CheckOutcome.Info,
                        $"eccezione Allegato 3 '{exception.Codes.Name}' per {Codes(hit)}: bastano {needed} codici per 56a");
                }
            }

            return needed;
        }

        private readonly record struct Criterion(string Letter, string Level, bool CodesMet, string Detail);

        /// <summary>
        /// Tries the criteria from the most complex level down: the first whose codes and scales
        /// match decides. Codes matched with scales missing (when required) → not assessable.
        /// </summary>
        private RehabVerdict Levels(string comma, params Criterion[] criteria)
        {
            (string Article, string Level)? missing = null;
            foreach (var criterion in criteria)
            {
                string article = criterion.Letter.Length > 0 ? $"{comma} {criterion.Letter}" : comma;
                Check(article, "codes", criterion.CodesMet ? CheckOutcome.Passed : CheckOutcome.Failed,
                    $"{article} ({criterion.Level}): {criterion.Detail}: {(criterion.CodesMet ? "soddisfatto" : "non soddisfatto")}",
                    ("level", criterion.Level));
                if (!criterion.CodesMet)
                {
                    continue;
                }

                switch (Scales(article, criterion.Level))
                {
                    case CheckOutcome.Passed:
                        return Verdict(Engine.Verdict.Appropriate, article, criterion.Level);
                    case CheckOutcome.Missing:
                        missing ??= (article, criterion.Level);
                        break;
                }
            }

            return missing is { } m
                ? Verdict(Engine.Verdict.NotAssessable, m.Article, m.Level)
                : Verdict(Engine.Verdict.Inappropriate, comma, "");
        }

        // DM 5/8/2021 art.2 c.8–10, art.6 — entry scales per level; thresholds from the rule set
        private CheckOutcome Scales(string article, string level)
        {
            var ranges = rules.Scales.For(level);
            var parts = new List<string>(ranges.Count);
            var inputs = new List<KeyValuePair<string, string>>(ranges.Count);
            bool failed = false;
            bool missing = false;
            foreach (var range in ranges)
            {
                // art.2 c.10: Barthel dyspnoea for respiratory (MDC 4) and 6MWT for cardiac (MDC 5) rehab only
                if ((range.Scale == Scale.BarthelDyspnoea && _r.Mdc != 4) || (range.Scale == Scale.SixMinuteWalk && _r.Mdc != 5))
                {
                    continue;
                }

                int? value = ValueOf(range.Scale);
                string name = ScaleNames.Of(range.Scale);
                inputs.Add(new(name, value?.ToString() ?? ""));
                if (value is null)
                {
                    missing = true;
                    parts.Add($"{name} mancante");
                }
                else if (!range.Contains(value.Value))
                {
                    failed = true;
                    parts.Add($"{name} {value} fuori da {range.Min}..{range.Max}");
                }
                else
                {
                    parts.Add($"{name} {value} in {range.Min}..{range.Max}");
                }
            }

            var outcome = failed ? CheckOutcome.Failed : missing ? CheckOutcome.Missing : CheckOutcome.Passed;
            string summary = parts.Count > 0 ? string.Join(", ", parts) : "nessuna soglia nel rule set";
            if (rules.Scales.Mode == ScaleMode.ReportOnly)
            {
                Check(article, "scales", CheckOutcome.Info, $"scale {level}: {summary} (solo rilevazione, sperimentazione art.6)", [.. inputs]);
                return CheckOutcome.Passed;
            }

            Check(article, "scales", outcome, $"scale {level}: {summary}", [.. inputs]);
            return outcome;
        }

        private int? ValueOf(Scale scale) => scale switch
        {
            Scale.Rankin => _r.Scales.Rankin,
            Scale.Barthel => _r.Scales.Barthel,
            Scale.BarthelDyspnoea => _r.Scales.BarthelDyspnoea,
            Scale.SixMinuteWalk => _r.Scales.SixMinuteWalkMetres,
            _ => _r.Scales.Rcs,
        };

        private IEnumerable<Icd9CmCode> Diagnoses() => _r.SecondaryDiagnoses.Prepend(_r.PrincipalDiagnosis);

        private IEnumerable<Icd9CmCode> RehabCodes() => Diagnoses().Concat(_r.Procedures);

        private RehabVerdict Verdict(Verdict verdict, string article, string level) =>
            new(_r.RecordId, verdict, c.Acute is not null, c.Acute?.RecordId, _interval, article, level, _checks);

        private void Check(string article, string rule, CheckOutcome outcome, string detail, params (string Key, string Value)[] inputs) =>
            _checks.Add(new RuleCheck(article, rule, outcome, detail, inputs.Select(i => new KeyValuePair<string, string>(i.Key, i.Value)).ToArray()));

        private void Check(string article, string rule, CheckOutcome outcome, string detail, KeyValuePair<string, string>[] inputs) =>
            _checks.Add(new RuleCheck(article, rule, outcome, detail, inputs));

        private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        private static string Codes(IReadOnlyList<Icd9CmCode> codes) => "[" + string.Join(" ", codes) + "]";

        private static string Join(IEnumerable<int> values) => string.Join("/", values.Order());
    }
}
