using System.Globalization;
using Hl7.Fhir.Model;
using Territorio.CareManagement.Bookings;
using Territorio.CareManagement.Eligibility;
using Territorio.CareManagement.Gestori;
using Territorio.CareManagement.Pacts;
using Territorio.CareManagement.Plans;
using Territorio.Fhir.Conformance;
using Territorio.Kernel.Codes;
using Territorio.Kernel.Organisations;
using Territorio.Kernel.Population;

namespace Territorio.Fhir.Views;

/// <summary>What the read endpoints show of a Gestore: id and name.</summary>
public sealed record GestoreRef(string Id, string Name);

/// <summary>One PAI item as the FHIR resource that carries it (a ServiceRequest or MedicationRequest).</summary>
public sealed record PlanActivity(PaiItem Item, Resource Resource);

/// <summary>
/// Territorio's care data as FHIR R4 (decision 0074): the PAI as RLCarePlanProgettoIndividuale,
/// the classification's pathologies as RLConditionProblemiSalute (severity = chronicity level),
/// the Patto di Cura as EpisodeOfCare + Consent, bookings as Appointment, the classification as
/// RiskAssessment. Pure mappings: the caller loads the entities.
/// </summary>
public static class FhirViews
{
    public const string TerritorioSystem = "urn:territorio:";

    /// <summary>The resident as a FHIR Patient: codice fiscale identifier, name, address, contacts, GP by name when known.</summary>
    public static Patient Patient(Resident resident, GeneralPractitioner? doctor = null)
    {
        var patient = new Patient
        {
            Id = resident.Id,
            Identifier = CodiceFiscale.TryParse(resident.FiscalCode ?? resident.Id, out var cf, out _)
                ? [new Identifier(RegionalUrls.CodiceFiscale, cf.Value)]
                : [new Identifier(TerritorioSystem + "assistito", resident.Id)],
            Gender = resident.Sex == Sex.Female ? AdministrativeGender.Female : AdministrativeGender.Male,
            BirthDate = resident.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Deceased = resident.DeathDate is { } death ? new Date(death.Year, death.Month, death.Day) : null,
            GeneralPractitioner = resident.MmgId is { } mmg ? [new ResourceReference("PractitionerRole/" + GeneralPractitionerRoleId(mmg), doctor is null ? "MMG " + mmg : $"{doctor.DisplayName} ({mmg})")] : [],
            Extension = [new Extension(RegionalUrls.PatientAtsResidenza, new Code(resident.Ats))],
        };
        if (resident.FiscalCode is not null && resident.FiscalCode != resident.Id)
        {
            patient.Identifier.Add(new Identifier(TerritorioSystem + "assistito", resident.Id));
        }

        if (resident.Surname is not null)
        {
            patient.Name.Add(new HumanName { Use = HumanName.NameUse.Official, Family = resident.Surname, Given = [resident.GivenName!], Text = resident.DisplayName });
        }

        if (resident.Street is not null)
        {
            patient.Address.Add(ItalianAddress(Address.AddressUse.Home, resident.Street, resident.Cap, resident.Municipality, resident.Address));
        }

        if (resident.Phone is not null)
        {
            patient.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Phone, ContactPoint.ContactPointUse.Home, resident.Phone));
        }

        if (resident.Email is not null)
        {
            patient.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Email, ContactPoint.ContactPointUse.Home, resident.Email));
        }

        return patient;
    }

    /// <summary>The pathologies of the classification in force; the main one is primary and carries the level.</summary>
    public static IReadOnlyList<Condition> Conditions(Classification classification, IReadOnlyDictionary<string, string> pathologyNames)
    {
        var codes = classification.Pathologies.Split('|', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (classification.MainPathology is { } main && !codes.Contains(main))
        {
            codes.Insert(0, main);
        }

        return [.. codes.Select(code => Condition(classification, code, code == classification.MainPathology, pathologyNames.GetValueOrDefault(code, code)))];
    }

    public static string ConditionId(string patientId, string pathology) => $"{patientId}-pat{pathology}";

    private static Condition Condition(Classification classification, string code, bool primary, string name) => new()
    {
        Id = ConditionId(classification.PersonId, code),
        Meta = new Meta { Profile = [RegionalUrls.ConditionProblemiSalute] },
        Category = [new CodeableConcept(RegionalUrls.TipologiaProblemaSalute, primary ? "1" : "2", primary ? "Patologia primaria" : "Patologia secondaria")],
        // DGR X/6164/2017: the level of the pyramid is the severity of the chronic condition (GPC-LivelloGravita 1–3).
        Severity = primary && classification.Level is >= 1 and <= 3
            ? new CodeableConcept(RegionalUrls.LivelloGravita, classification.Level.ToString(CultureInfo.InvariantCulture), LevelName(classification.Level))
            : null,
        Code = new CodeableConcept(RegionalUrls.PatologieNonIcd9Cm, code, name),
        Subject = PatientRef(classification.PersonId),
        RecordedDate = classification.Since.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Note = [new Annotation { Text = "Fonte: " + classification.Source }],
    };

    /// <summary>
    /// The PAI at its active version (or the pending proposal when none is active yet); its
    /// activities are the resources of <see cref="Activities"/>, referenced by id (decision 0135).
    /// </summary>
    public static CarePlan? CarePlan(Pai pai, PattoDiCura pact, GestoreRef gestore, string protocolNumber, Classification? classification, IReadOnlyList<PlanActivity> activities)
    {
        var version = pai.ActiveVersion ?? pai.PendingProposal;
        if (version is null)
        {
            return null;
        }

        var plan = new CarePlan
        {
            Id = pai.Id.ToString(CultureInfo.InvariantCulture),
            Meta = VersionMeta(version, RegionalUrls.CarePlanProgettoIndividuale),
            Extension = [new Extension(RegionalUrls.CarePlanVersionePai, new UnsignedInt(version.Number))],
            Identifier = [new Identifier(RegionalUrls.IdentificativoPi, protocolNumber)],
            Status = PlanStatus(pact, version),
            Intent = Hl7.Fhir.Model.CarePlan.CarePlanIntent.Order,
            Subject = PatientRef(pai.PatientId),
            Period = new Period { Start = Day(pai.StartDate), End = Day(pact.EndDate) },
            Created = new FhirDateTime(new DateTimeOffset(DateTime.SpecifyKind(pai.Versions.Min(v => v.CreatedAtUtc), DateTimeKind.Utc))).Value,
            Author = new ResourceReference("Organization/" + gestore.Id, gestore.Name),
            Contributor = pai.MmgId is { } mmg ? [new ResourceReference("PractitionerRole/" + GeneralPractitionerRoleId(mmg), "MMG " + mmg)] : [],
            Addresses = classification is null ? [] : [.. Conditions(classification, new Dictionary<string, string>()).Select(c => new ResourceReference("Condition/" + c.Id))],
            Activity = [.. activities.Select(a => new Hl7.Fhir.Model.CarePlan.ActivityComponent { Reference = new ResourceReference($"{a.Resource.TypeName}/{a.Resource.Id}", a.Item.Description) })],
            Goal = [.. version.Items.Where(i => i.Kind is PaiItemKind.Goal or PaiItemKind.Lifestyle).Select(i => new ResourceReference { Display = $"{i.Code} {i.Description}" })],
            Note = [new Annotation { Text = $"Versione {version.Number} ({version.Reason})" }],
        };
        return plan;
    }

    /// <summary>
    /// The PAI's services, education interventions and drugs as resources of their own, readable
    /// at <c>/fhir/ServiceRequest/{id}</c> and <c>/fhir/MedicationRequest/{id}</c>, versioned with the
    /// PAI (a contained resource could carry no <c>meta.versionId</c>, R4 dom-4). A resource claims
    /// the region's profile only when it conforms to it: in force, and for a service with a code in
    /// the region's catalogue DDC-PrestSpecSISS (<see cref="ServiceCodeMap"/>).
    /// </summary>
    public static IReadOnlyList<PlanActivity> Activities(Pai pai, PattoDiCura pact, ServiceCodeMap services)
    {
        if ((pai.ActiveVersion ?? pai.PendingProposal) is not { } version)
        {
            return [];
        }

        bool inForce = pact.Status == PactStatus.Active && version.Status == PaiVersionStatus.Active;
        var status = pact.Status != PactStatus.Active ? Hl7.Fhir.Model.RequestStatus.Completed
            : inForce ? Hl7.Fhir.Model.RequestStatus.Active
            : Hl7.Fhir.Model.RequestStatus.Draft;
        var planPeriod = new Period { Start = Day(pai.StartDate), End = Day(pact.EndDate) };
        var basedOn = new ResourceReference("CarePlan/" + pai.Id.ToString(CultureInfo.InvariantCulture));
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var activities = new List<PlanActivity>();
        foreach (var item in version.Items)
        {
            Resource? resource = item.Kind switch
            {
                PaiItemKind.Service => Service(item, services.Find(item.Code)),
                PaiItemKind.Education => new ServiceRequest
                {
                    Meta = VersionMeta(version, inForce ? RegionalUrls.ServiceRequestInterventoEducazionale : null),
                    Code = new CodeableConcept(RegionalUrls.ValueSet + RegionalUrls.InterventiEducazionali, item.Code, item.Description),
                    Occurrence = planPeriod,
                },
                PaiItemKind.Drug => new MedicationRequest
                {
                    // RLMedicationRequestTerapiaFarmacologica wants a structured dose and timing; the PAI keeps the dosage as text.
                    Meta = VersionMeta(version, null),
                    Status = status switch
                    {
                        Hl7.Fhir.Model.RequestStatus.Active => MedicationRequest.MedicationrequestStatus.Active,
                        Hl7.Fhir.Model.RequestStatus.Draft => MedicationRequest.MedicationrequestStatus.Draft,
                        _ => MedicationRequest.MedicationrequestStatus.Completed,
                    },
                    Intent = MedicationRequest.MedicationRequestIntent.Order,
                    Medication = new CodeableConcept(RegionalUrls.ValueSet + RegionalUrls.FarmacoAtc, item.Code, item.Description),
                    Subject = PatientRef(pai.PatientId),
                    BasedOn = [basedOn],
                    DosageInstruction = [new Dosage { Text = item.Dosage, Timing = new Timing { Repeat = new Timing.RepeatComponent { Bounds = planPeriod } } }],
                },
                _ => null,
            };
            if (resource is null)
            {
                continue;
            }

            resource.Id = UniqueId(ids, $"{pai.Id.ToString(CultureInfo.InvariantCulture)}-{(item.Kind == PaiItemKind.Drug ? "mr" : "sr")}-{item.Code}");
            if (resource is ServiceRequest request)
            {
                request.Status = status;
                request.Intent = RequestIntent.Order;
                request.Subject = PatientRef(pai.PatientId);
                request.BasedOn = [basedOn];
            }

            activities.Add(new PlanActivity(item, resource));
        }

        return activities;

        ServiceRequest Service(PaiItem item, SissService? siss)
        {
            var from = pai.StartDate.AddMonths(item.FromMonth - 1);
            var to = pai.StartDate.AddMonths(item.ToMonth).AddDays(-1);
            return new ServiceRequest
            {
                Meta = VersionMeta(version, inForce && siss is not null ? RegionalUrls.ServiceRequestPrestazioniSpecialistiche : null),
                // The region's catalogue where the map has the service, else the national nomenclator's code as stored.
                Code = siss is not null
                    ? new CodeableConcept(RegionalUrls.ValueSet + RegionalUrls.PrestazioniSiss, siss.Code, item.Description, $"{item.Code} {item.Description}")
                    : new CodeableConcept(TerritorioSystem + "nomenclatore", item.Code, item.Description),
                Quantity = item.PerYear is { } perYear ? new Quantity(perYear, "/a") : null,
                Occurrence = new Period { Start = Day(from), End = Day(to < pact.EndDate ? to : pact.EndDate) },
                Note = [new Annotation { Text = $"{item.PerYear} l'anno, mesi {item.FromMonth}–{item.ToMonth} dall'inizio del piano" + (siss is { Provisional: true } ? "; codice SISS provvisorio" : string.Empty) }],
            };
        }
    }

    /// <summary>A Gestore as the organisation that authors the PAI (RLOrganizationL1, provisional stand-in).</summary>
    /// <summary>The Gestore as an Organization; with the registry's entry, its seat (address) and contacts (phone, e-mail, PEC).</summary>
    public static Organization Organization(Gestore gestore, Organisation? registry = null)
    {
        var organization = new Organization
        {
            Id = gestore.Id,
            Meta = new Meta { Profile = [RegionalUrls.OrganizationL1] },
            Identifier = [new Identifier(TerritorioSystem + "gestore", gestore.Id)],
            Active = true,
            Type = [new CodeableConcept(TerritorioSystem + "tipo-gestore", gestore.Kind.ToString(), GestoreKinds.Italian(gestore.Kind))],
            Name = gestore.Name,
        };
        if (registry is not null)
        {
            organization.Address.Add(ItalianAddress(Address.AddressUse.Work, registry.Street, registry.Cap, registry.Municipality, registry.Address));
            if (registry.Phone is { } phone)
            {
                organization.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Phone, ContactPoint.ContactPointUse.Work, phone));
            }

            if (registry.Email is { } email)
            {
                organization.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Email, ContactPoint.ContactPointUse.Work, email));
            }

            if (registry.Pec is { } pec)
            {
                // PEC: the certified e-mail Italian administrations write to; first choice for formal communications.
                organization.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Email, ContactPoint.ContactPointUse.Work, pec) { Rank = 1 });
            }
        }

        return organization;
    }

    public static string GeneralPractitionerRoleId(string mmgId) => "mmg-" + mmgId;

    /// <summary>
    /// A GP in their role for their patients. Once a PAI names them (CarePlan.contributor) the role
    /// conforms to RLPractitionerRoleProfessionistaSanitario, dated from that first PAI; the
    /// qualification code is provisional (data/lombardia-fhir/territorio).
    /// </summary>
    public static PractitionerRole GeneralPractitionerRole(string mmgId, PaiVersion? firstPaiVersion, DateOnly? firstPaiStart, GestoreRef? cooperative, GeneralPractitioner? doctor = null) => new()
    {
        Id = GeneralPractitionerRoleId(mmgId),
        Meta = firstPaiVersion is null || firstPaiStart is null ? null : new Meta
        {
            Profile = [RegionalUrls.PractitionerRoleProfessionistaSanitario],
            VersionId = "1",
            LastUpdated = new DateTimeOffset(DateTime.SpecifyKind(firstPaiVersion.CreatedAtUtc, DateTimeKind.Utc)),
        },
        Period = firstPaiStart is { } since ? new Period { Start = Day(since) } : null,
        Practitioner = Practitioner(mmgId, doctor),
        Organization = cooperative is null ? null : new ResourceReference("Organization/" + cooperative.Id, cooperative.Name),
        Code = [new CodeableConcept(RegionalUrls.ValueSet + RegionalUrls.QualificaProfessionistaSanitario, "MMG", "Medico di medicina generale", "Medico di medicina generale")],
    };

    public static EpisodeOfCare EpisodeOfCare(PattoDiCura pact, GestoreRef gestore) => new()
    {
        Id = pact.Id.ToString(CultureInfo.InvariantCulture),
        Identifier = [new Identifier(TerritorioSystem + "patto-di-cura", pact.Id.ToString(CultureInfo.InvariantCulture))],
        Status = pact.Status switch
        {
            PactStatus.Active => Hl7.Fhir.Model.EpisodeOfCare.EpisodeOfCareStatus.Active,
            PactStatus.Cancelled => Hl7.Fhir.Model.EpisodeOfCare.EpisodeOfCareStatus.Cancelled,
            _ => Hl7.Fhir.Model.EpisodeOfCare.EpisodeOfCareStatus.Finished,
        },
        Type = [new CodeableConcept(TerritorioSystem + "presa-in-carico", "cronicita", "Presa in carico della cronicità (DGR X/6164/2017)")],
        Diagnosis = pact.MainPathology is { } main
            ? [new Hl7.Fhir.Model.EpisodeOfCare.DiagnosisComponent { Condition = new ResourceReference("Condition/" + ConditionId(pact.PatientId, main)), Rank = 1 }]
            : [],
        Patient = PatientRef(pact.PatientId),
        ManagingOrganization = new ResourceReference("Organization/" + gestore.Id, gestore.Name),
        Period = new Period { Start = Day(pact.StartDate), End = Day(pact.EndDate) },
        CareManager = pact.MmgId is { } mmg ? new ResourceReference("PractitionerRole/" + GeneralPractitionerRoleId(mmg), "MMG " + mmg) : null,
    };

    public static Consent Consent(PattoDiCura pact, GestoreRef gestore) => new()
    {
        Id = pact.Id.ToString(CultureInfo.InvariantCulture),
        Status = pact.Status == PactStatus.Active ? Hl7.Fhir.Model.Consent.ConsentState.Active : Hl7.Fhir.Model.Consent.ConsentState.Inactive,
        Scope = new CodeableConcept("http://terminology.hl7.org/CodeSystem/consentscope", "treatment", "Treatment"),
        Category = [new CodeableConcept("http://loinc.org", "59284-0", "Patient Consent")],
        Patient = PatientRef(pact.PatientId),
        DateTime = pact.SignedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Performer = [PatientRef(pact.PatientId)],
        Organization = [new ResourceReference("Organization/" + gestore.Id, gestore.Name)],
        // R4 ppc-1: a consent names its policy; the Patto di Cura's is the regional deliberation.
        PolicyRule = new CodeableConcept { Text = "Patto di Cura, DGR X/6164/2017 allegato 1" },
        Source = new ResourceReference("EpisodeOfCare/" + pact.Id.ToString(CultureInfo.InvariantCulture)),
        Provision = new Hl7.Fhir.Model.Consent.provisionComponent
        {
            Type = Hl7.Fhir.Model.Consent.ConsentProvisionType.Permit,
            Period = new Period { Start = Day(pact.StartDate), End = Day(pact.EndDate) },
        },
    };

    public static Appointment Appointment(Booking booking, string serviceDescription, int durationMinutes)
    {
        var start = new DateTimeOffset(booking.Date.ToDateTime(booking.Start), Rome(booking.Date.ToDateTime(booking.Start)));
        return new Appointment
        {
            Id = booking.Id.ToString(CultureInfo.InvariantCulture),
            Status = booking.Status switch
            {
                BookingStatus.Booked => Hl7.Fhir.Model.Appointment.AppointmentStatus.Booked,
                BookingStatus.Delivered => Hl7.Fhir.Model.Appointment.AppointmentStatus.Fulfilled,
                BookingStatus.Missed => Hl7.Fhir.Model.Appointment.AppointmentStatus.Noshow,
                _ => Hl7.Fhir.Model.Appointment.AppointmentStatus.Cancelled,
            },
            CancelationReason = booking.CancelReason is { } reason ? new CodeableConcept { Text = reason } : null,
            ServiceType = [new CodeableConcept(TerritorioSystem + "nomenclatore", booking.ServiceCode, serviceDescription)],
            Start = start,
            End = start.AddMinutes(durationMinutes),
            BasedOn = [new ResourceReference("CarePlan/" + booking.PaiId.ToString(CultureInfo.InvariantCulture))],
            Participant =
            [
                new Hl7.Fhir.Model.Appointment.ParticipantComponent { Actor = PatientRef(booking.PatientId), Status = ParticipationStatus.Accepted },
                new Hl7.Fhir.Model.Appointment.ParticipantComponent { Actor = new ResourceReference("Location/" + booking.ErogatoreId), Status = ParticipationStatus.Accepted },
            ],
        };
    }

    /// <summary>The stratification verdict: level and pathologies, with its source so a controller can trace it.</summary>
    public static RiskAssessment RiskAssessment(Classification classification) => new()
    {
        Id = classification.PersonId,
        Status = ObservationStatus.Final,
        Method = new CodeableConcept(TerritorioSystem + "stratificazione", "DGR-X-6164-2017", "Stratificazione della domanda, 5 livelli (DGR X/6164/2017)"),
        Subject = PatientRef(classification.PersonId),
        Occurrence = new FhirDateTime(classification.Since.Year, classification.Since.Month, classification.Since.Day),
        Basis = classification.MainPathology is { } main ? [new ResourceReference("Condition/" + ConditionId(classification.PersonId, main))] : [],
        Prediction =
        [
            new Hl7.Fhir.Model.RiskAssessment.PredictionComponent
            {
                Outcome = new CodeableConcept { Text = $"livello {classification.Level}" },
                QualitativeRisk = new CodeableConcept(TerritorioSystem + "livello", classification.Level.ToString(CultureInfo.InvariantCulture), LevelName(classification.Level)),
                Rationale = $"patologie {classification.Pathologies}; fonte: {classification.Source}",
            },
        ],
    };

    private static Meta VersionMeta(PaiVersion version, string? profile) => new()
    {
        Profile = profile is null ? [] : [profile],
        VersionId = version.Number.ToString(CultureInfo.InvariantCulture),
        LastUpdated = new DateTimeOffset(DateTime.SpecifyKind(version.CreatedAtUtc, DateTimeKind.Utc)),
    };

    private static string UniqueId(HashSet<string> used, string id)
    {
        string clean = new([.. id.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '-')]);
        string unique = clean;
        for (int n = 2; !used.Add(unique); n++)
        {
            unique = $"{clean}-{n}";
        }

        return unique;
    }

    private static Hl7.Fhir.Model.RequestStatus PlanStatus(PattoDiCura pact, PaiVersion version) =>
        pact.Status != PactStatus.Active ? Hl7.Fhir.Model.RequestStatus.Completed
        : version.Status == PaiVersionStatus.Active ? Hl7.Fhir.Model.RequestStatus.Active
        : Hl7.Fhir.Model.RequestStatus.Draft;

    private static ResourceReference PatientRef(string patientId) => new("Patient/" + patientId);

    private static ResourceReference Practitioner(string mmgId, GeneralPractitioner? doctor = null) =>
        new() { Identifier = new Identifier(TerritorioSystem + "mmg", mmgId), Display = doctor is null ? "MMG " + mmgId : $"{doctor.DisplayName} ({mmgId})" };

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static TimeSpan Rome(DateTime local) => CareManagement.Common.RomeCalendar.Zone.GetUtcOffset(local);

    private static string LevelName(int level) => level switch
    {
        1 => "Gravità alta",
        2 => "Gravità media",
        3 => "Gravità bassa",
        _ => $"livello {level}",
    };

    /// <summary>An address in Italy: street, CAP and municipality, with the whole line as text.</summary>
    private static Address ItalianAddress(Address.AddressUse use, string street, string? cap, string? municipality, string? text) => new()
    {
        Use = use,
        Line = [street],
        PostalCode = cap,
        City = municipality,
        Country = "IT",
        Text = text,
    };
}
