using System.Globalization;
using Hl7.Fhir.Model;
using Territorio.Fhir.Conformance;
using Territorio.Kernel.Codes;

namespace Territorio.Fhir.Messaging.PicMmg;

/// <summary>Who this receiver is and whom it accepts messages from.</summary>
public sealed class PicMmgOptions
{
    /// <summary>The destination endpoint a picMMG message must name (the region's SGDT; Territorio stands in for it).</summary>
    public string ReceiverEndpoint { get; set; } = "urn:rlfhir:SGDT";

    public string ReceiverName { get; set; } = "SGDT";

    /// <summary>Source endpoints accepted; empty accepts any GP record system that names itself.</summary>
    public IList<string> AllowedSources { get; } = [];

    /// <summary>The acting GP when the caller names none (before the patient's GP of record).</summary>
    public string? ActingMmg { get; set; }

    /// <summary>GP id → its cooperative (Gestore id); otherwise inferred from the pacts of the GP's patients.</summary>
    public IDictionary<string, string> Cooperatives { get; } = new Dictionary<string, string>(StringComparer.Ordinal);
}

/// <summary>The validation verdict: the extracted request, or every error found in message order.</summary>
public sealed record PicMmgValidation(PicMmgRequest? Request, IReadOnlyList<MessageError> Errors)
{
    public bool IsValid => Request is not null;
}

/// <summary>
/// The region's checks of an RLBundleMMG message (CodeSystem ErroriMessaggio), then the profile
/// constraints that no regional code covers (T.15), then Firely's structural validation (T.2).
/// Regional checks come first so the sender gets the region's own code where there is one.
/// </summary>
public sealed class PicMmgValidator(RegionalConformance conformance, PicMmgOptions options)
{
    private const string PatologieNonIcd9 = "SGDT-PatologieNonICD9CM";
    private readonly ErrorCatalogue _errors = conformance.Errors;

    public PicMmgValidation Validate(Bundle bundle)
    {
        var errors = new List<MessageError>();
        // The reader has already refused entries without a resource (3.8–3.10).
        var entries = bundle.Entry.Select((e, i) => (Index: i, Resource: e.Resource!)).ToList();

        CheckBundle(bundle, entries, errors);
        var patients = entries.Where(e => e.Resource is Patient).ToList();
        var patient = patients.Count > 0 ? (Patient)patients[0].Resource : null;
        var header = entries.FirstOrDefault(e => e.Resource is MessageHeader);

        foreach (var (index, resource) in entries)
        {
            switch (resource)
            {
                case MessageHeader h:
                    CheckHeader(index, h, errors);
                    break;
                case Patient p when ReferenceEquals(p, patient):
                    CheckPatient(index, p, errors);
                    break;
                case Condition c:
                    CheckCondition(index, c, patient, errors);
                    break;
                case MedicationRequest m:
                    CheckMedication(index, m, patient, errors);
                    break;
            }
        }

        CheckPrimaryPathology(entries, errors);
        if (errors.Count == 0)
        {
            CheckProfiles(bundle, errors);
        }

        if (errors.Count == 0)
        {
            errors.AddRange(FhirMessageReader.StructuralIssues(bundle).Take(1).Select(i => _errors.Create("T.2", i)));
        }

        return errors.Count > 0
            ? new PicMmgValidation(null, errors)
            : new PicMmgValidation(Extract(bundle, (MessageHeader)header.Resource!, patient!, entries), []);
    }

    private void CheckBundle(Bundle bundle, List<(int Index, Resource Resource)> entries, List<MessageError> errors)
    {
        var profiles = bundle.Meta?.Profile?.ToList() ?? [];
        if (profiles.Count != 1 || profiles[0] != RegionalUrls.BundleMmg)
        {
            errors.Add(_errors.Create("T.5", RegionalUrls.BundleMmg, profiles.Count == 0 ? "nessuno" : string.Join(", ", profiles)));
        }

        if (bundle.Type != Bundle.BundleType.Message)
        {
            errors.Add(_errors.Create("T.4", bundle.TypeElement?.ToString() ?? "nessuno"));
        }

        if (entries[0].Resource is not MessageHeader)
        {
            errors.Add(_errors.Create("T.6", 0, entries[0].Resource.TypeName));
        }

        int headers = entries.Count(e => e.Resource is MessageHeader);
        if (headers != 1)
        {
            errors.Add(_errors.Create("T.7", headers));
        }

        foreach (var (index, resource) in entries.Where(e => e.Resource is not (MessageHeader or Patient or Condition or MedicationRequest)))
        {
            errors.Add(_errors.Create("T.12", index, resource.TypeName));
        }

        var patients = entries.Where(e => e.Resource is Patient).ToList();
        if (patients.Count == 0)
        {
            errors.Add(_errors.Create("3.5"));
        }
        else if (patients.Count > 1)
        {
            errors.Add(_errors.Create("9.2", patients[1].Index, patients.Count));
        }

        if (patients.Count > 0 && entries.FirstOrDefault(e => e.Resource is Condition && e.Index < patients[0].Index) is { Resource: not null } early)
        {
            errors.Add(_errors.Create("10", early.Index));
        }
    }

    private void CheckHeader(int index, MessageHeader header, List<MessageError> errors)
    {
        ProfileOf(header, index, RegionalUrls.MessageHeaderMmg, ("9.0", "9.10"), errors, withIndexOnValue: false);
        if (header.Event is not Coding { Code.Length: > 0 } coding)
        {
            errors.Add(_errors.Create("8.0", index));
        }
        else if (coding.System != RegionalUrls.MessageEvents || coding.Code != RegionalUrls.PicMmgEvent)
        {
            errors.Add(_errors.Create("T.8", index, $"{RegionalUrls.MessageEvents}|{RegionalUrls.PicMmgEvent}", $"{coding.System}|{coding.Code}"));
        }

        if (header.Destination.Count == 0)
        {
            errors.Add(_errors.Create("8.0", index));
        }
        else if (header.Destination.Count > 1)
        {
            errors.Add(_errors.Create("T.9", index, header.Destination.Count));
        }
        else if (header.Destination[0].Endpoint != options.ReceiverEndpoint)
        {
            errors.Add(_errors.Create("9.19", index));
        }

        if (header.Source is not { Endpoint.Length: > 0 } source)
        {
            errors.Add(_errors.Create("8.0", index));
        }
        else if (options.AllowedSources.Count > 0 && !options.AllowedSources.Contains(source.Endpoint))
        {
            errors.Add(_errors.Create("T.10", index, source.Endpoint));
        }
    }

    private void CheckPatient(int index, Patient patient, List<MessageError> errors)
    {
        ProfileOf(patient, index, RegionalUrls.PatientBase, ("9.1", "9.11"), errors, withIndexOnValue: false);
        if (patient.Identifier.Count == 0)
        {
            errors.Add(_errors.Create("8.2", index));
        }
        else if (patient.Identifier.Count > 3)
        {
            errors.Add(_errors.Create("9.3", index, patient.Identifier.Count));
        }
        else if (patient.Identifier.Find(i => i.System == RegionalUrls.CodiceFiscale && !string.IsNullOrWhiteSpace(i.Value)) is not { } identifier)
        {
            errors.Add(_errors.Create("3.0", index));
        }
        else if (!CodiceFiscale.TryParse(identifier.Value, out _, out string? reason))
        {
            errors.Add(_errors.Create("T.11", index, identifier.Value, reason));
        }

        if (patient.Name.Count == 0 || string.IsNullOrWhiteSpace(patient.Name[0].Family) || !patient.Name[0].Given.Any(g => !string.IsNullOrWhiteSpace(g)))
        {
            errors.Add(_errors.Create("3.2"));
        }

        if (patient.Gender is null)
        {
            errors.Add(_errors.Create("3.1"));
        }

        if (FullDate(patient.BirthDate) is null)
        {
            errors.Add(_errors.Create("8.1", index));
        }

        if (BirthplaceIstat(patient) is null)
        {
            errors.Add(_errors.Create("3.3"));
        }
    }

    private void CheckCondition(int index, Condition condition, Patient? patient, List<MessageError> errors)
    {
        ProfileOf(condition, index, RegionalUrls.ConditionProblemiSalute, ("9.5", "9.13"), errors, withIndexOnValue: true);
        var category = condition.Category.SelectMany(c => c.Coding).FirstOrDefault();
        if (category is not { Code.Length: > 0 })
        {
            errors.Add(_errors.Create("3.10", index));
        }
        else if (conformance.CodeSystems.Find(RegionalUrls.TipologiaProblemaSalute)!.Canonical(category.Code) is null)
        {
            errors.Add(_errors.Create("T.13", index, category.Code, "SGDT-TipologiaProblemaSalute", "Condition.category"));
        }

        if (condition.Code is not { Coding.Count: > 0 } || condition.Subject?.Reference is null)
        {
            errors.Add(_errors.Create("8.4", index));
            return;
        }

        if (patient is not null && !RefersTo(condition.Subject, patient))
        {
            errors.Add(_errors.Create("9.17", index, "Patient/" + patient.Id, condition.Subject.Reference));
        }

        bool primary = category?.Code == "1";
        if (condition.Code.Coding.Find(c => c.System == RegionalUrls.Icd9CmDiagnosis) is { } icd9 &&
            !(Icd9CmCode.TryParse(icd9.Code, Icd9CmKind.Diagnosis, out var code) && conformance.Icd9Cm.Contains(code)))
        {
            errors.Add(_errors.Create("T.13", index, icd9.Code, "ICD-9-CM 2007 (diagnosi)", "Condition.code"));
        }

        var regional = condition.Code.Coding.Find(c => RegionalUrls.IsVocabulary(c.System, PatologieNonIcd9));
        bool regionalKnown = regional is not null && conformance.CodeSystems.Get(PatologieNonIcd9).Contains(regional.Code);
        if (primary && !regionalKnown)
        {
            errors.Add(_errors.Create("3.11", index));
        }
        else if (regional is not null && !regionalKnown)
        {
            errors.Add(_errors.Create("T.13", index, regional.Code, PatologieNonIcd9, "Condition.code"));
        }

        if (primary)
        {
            CheckChronicityLevel(index, condition, errors);
        }
    }

    // DGR X/6164/2017: the level of the pyramid (1–3) drives the PAI and the tariff; the region codes it on the primary pathology.
    private void CheckChronicityLevel(int index, Condition condition, List<MessageError> errors)
    {
        var level = condition.Severity?.Coding.FirstOrDefault();
        if (level is not { Code.Length: > 0 })
        {
            errors.Add(_errors.Create("3.4"));
        }
        else if (level.System != RegionalUrls.LivelloGravita)
        {
            errors.Add(_errors.Create("9.9", index, RegionalUrls.LivelloGravita));
        }
        else if (!int.TryParse(level.Code, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            errors.Add(_errors.Create("9.6", level.Code));
        }
        else if (!conformance.CodeSystems.Get("GPC-LivelloGravita").Contains(level.Code))
        {
            errors.Add(_errors.Create("11", level.Code));
        }
    }

    private void CheckMedication(int index, MedicationRequest medication, Patient? patient, List<MessageError> errors)
    {
        ProfileOf(medication, index, RegionalUrls.MedicationRequestTerapiaFarmacologica, ("9.4", "9.12"), errors, withIndexOnValue: true);
        if (medication.Medication is not CodeableConcept { Coding.Count: > 0 } || medication.Subject?.Reference is null ||
            medication.DosageInstruction.Count == 0)
        {
            errors.Add(_errors.Create("8.3", index));
            return;
        }

        if (patient is not null && !RefersTo(medication.Subject, patient))
        {
            errors.Add(_errors.Create("T.14", index, "Patient/" + patient.Id, medication.Subject.Reference));
        }
    }

    private void CheckPrimaryPathology(List<(int Index, Resource Resource)> entries, List<MessageError> errors)
    {
        var primaries = entries.Where(e => e.Resource is Condition c && c.Category.SelectMany(k => k.Coding).FirstOrDefault()?.Code == "1").ToList();
        if (primaries.Count == 0)
        {
            errors.Add(_errors.Create("3.6"));
        }
        else if (primaries.Count > 1)
        {
            errors.Add(_errors.Create("9.7", primaries[1].Index, primaries.Count));
        }
    }

    // Profile constraints that no regional code covers, from the StructureDefinitions (decision 0070).
    private void CheckProfiles(Bundle bundle, List<MessageError> errors)
    {
        foreach (var finding in conformance.Profiles.Check(bundle, RegionalUrls.BundleMmg))
        {
            string entry = EntryIndex(finding.Location);
            string type = entry == "-" ? "Bundle" : bundle.Entry[int.Parse(entry, CultureInfo.InvariantCulture)].Resource!.TypeName;
            errors.Add(_errors.Create("T.15", entry, type, conformance.Profiles.Find(finding.Profile)!.Name, finding.Message));
        }
    }

    private void ProfileOf(Resource resource, int index, string expected, (string Count, string Value) codes, List<MessageError> errors, bool withIndexOnValue)
    {
        var profiles = resource.Meta?.Profile?.ToList() ?? [];
        if (profiles.Count != 1)
        {
            errors.Add(_errors.Create(codes.Count, index, profiles.Count));
        }
        else if (profiles[0] != expected)
        {
            errors.Add(withIndexOnValue ? _errors.Create(codes.Value, index, expected, profiles[0]) : _errors.Create(codes.Value, expected, profiles[0]));
        }
    }

    private PicMmgRequest Extract(Bundle bundle, MessageHeader header, Patient patient, List<(int Index, Resource Resource)> entries)
    {
        var identifier = patient.Identifier.First(i => i.System == RegionalUrls.CodiceFiscale && !string.IsNullOrWhiteSpace(i.Value));
        var name = patient.Name[0];
        var picPatient = new PicPatient(
            patient.Id ?? string.Empty,
            CodiceFiscale.Parse(identifier.Value!),
            name.Family!.Trim(),
            string.Join(' ', name.Given.Where(g => !string.IsNullOrWhiteSpace(g)).Select(g => g!.Trim())),
            patient.Gender!.Value.ToString().ToLowerInvariant(),
            FullDate(patient.BirthDate)!.Value,
            BirthplaceIstat(patient)!);

        var problems = entries.Select(e => e.Resource).OfType<Condition>().Select(Pathology).ToList();
        return new PicMmgRequest(
            bundle.Id ?? string.Empty,
            bundle.Timestamp,
            header.Source!.Name ?? header.Source.Endpoint!,
            header.Source.Endpoint!,
            picPatient,
            problems.Single(p => p.Type == ProblemType.PatologiaPrimaria),
            [.. problems.Where(p => p.Type != ProblemType.PatologiaPrimaria)],
            [.. entries.Select(e => e.Resource).OfType<MedicationRequest>().Select(Therapy)]);
    }

    private PicPathology Pathology(Condition condition)
    {
        var type = (ProblemType)int.Parse(conformance.CodeSystems.Find(RegionalUrls.TipologiaProblemaSalute)!.Canonical(condition.Category[0].Coding[0].Code)!, CultureInfo.InvariantCulture);
        var icd9 = condition.Code!.Coding.Find(c => c.System == RegionalUrls.Icd9CmDiagnosis);
        Icd9CmCode? icd9Code = icd9 is null ? null : Icd9CmCode.ParseDiagnosis(icd9.Code);
        var regional = condition.Code.Coding.Find(c => RegionalUrls.IsVocabulary(c.System, PatologieNonIcd9));
        var pathologies = conformance.CodeSystems.Get(PatologieNonIcd9);
        string? regionalCode = regional is null ? null : pathologies.Canonical(regional.Code);
        string? level = condition.Severity?.Coding.FirstOrDefault()?.Code;
        return new PicPathology(
            condition.Id ?? string.Empty,
            type,
            icd9Code,
            icd9Code is { } c ? conformance.Icd9Cm.Find(c)?.Description : null,
            regionalCode is null ? null : int.Parse(regionalCode, CultureInfo.InvariantCulture),
            pathologies.Display(regionalCode),
            type == ProblemType.PatologiaPrimaria && level is not null ? int.Parse(level, CultureInfo.InvariantCulture) : null,
            Day(condition.RecordedDateElement));
    }

    private static PicDrugTherapy Therapy(MedicationRequest request)
    {
        var medication = (CodeableConcept)request.Medication;
        string? Code(string vocabulary) => medication.Coding.Find(c => RegionalUrls.IsVocabulary(c.System, vocabulary))?.Code;
        var dosage = request.DosageInstruction[0];
        var repeat = dosage.Timing?.Repeat;
        var bounds = repeat?.Bounds as Period;
        var dose = dosage.DoseAndRate.FirstOrDefault()?.Dose as Quantity;
        return new PicDrugTherapy(
            request.Id ?? string.Empty,
            Code(RegionalUrls.FarmacoAic),
            Code(RegionalUrls.FarmacoAtc),
            Code(RegionalUrls.FarmacoGe),
            medication.Coding.Select(c => c.Display).FirstOrDefault(d => !string.IsNullOrWhiteSpace(d)) ?? medication.Text ?? medication.Coding[0].Code ?? string.Empty,
            dosage.Text,
            Day(bounds?.StartElement),
            Day(bounds?.EndElement),
            dose?.Value,
            dose?.Unit,
            repeat?.Frequency,
            repeat?.Period,
            repeat?.PeriodUnit?.ToString(),
            request.GetExtensionValue<FhirBoolean>(RegionalUrls.MedicationRequestConsegnaPaziente)?.Value,
            request.Note.FirstOrDefault()?.Text);
    }

    // The calendar day as the sender wrote it: converting "2010-01-01T00:00:00+01:00" to UTC would move it to the day before.
    private static DateOnly? Day(FhirDateTime? value) =>
        value?.Value is { Length: >= 10 } text ? FullDate(text[..10]) : null;

    private static DateOnly? FullDate(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    private static string? BirthplaceIstat(Patient patient) =>
        patient.GetExtensionValue<CodeableConcept>(RegionalUrls.CodeableBirthPlace)?.Coding
            .Find(c => c.System == RegionalUrls.IstatComuni && !string.IsNullOrWhiteSpace(c.Code))?.Code;

    private static bool RefersTo(ResourceReference reference, Patient patient) =>
        reference.Reference == "Patient/" + patient.Id;

    private static string EntryIndex(string location)
    {
        const string prefix = "Bundle.entry[";
        return location.StartsWith(prefix, StringComparison.Ordinal) ? location[prefix.Length..location.IndexOf(']', StringComparison.Ordinal)] : "-";
    }
}
