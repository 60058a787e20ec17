using Territorio.Kernel.Codes;

namespace Territorio.Fhir.Messaging.PicMmg;

/// <summary>Typology of a health problem (CodeSystem SGDT-TipologiaProblemaSalute).</summary>
public enum ProblemType
{
    PatologiaPrimaria = 1,
    PatologiaSecondaria = 2,
    PatologiaUlteriore = 3,
    CondizioneClinicaPrevalente = 4,
    ProblemaInfermieristico = 5,
}

/// <summary>The patient as the GP's record sends it (profile RLPatientBase).</summary>
public sealed record PicPatient(
    string ResourceId,
    CodiceFiscale CodiceFiscale,
    string FamilyName,
    string GivenNames,
    string Sex,
    DateOnly BirthDate,
    string BirthplaceIstat);

/// <summary>
/// A pathology of the message (profile RLConditionProblemiSalute): ICD-9-CM and/or the region's
/// chronic pathology code (SGDT-PatologieNonICD9CM, 1–65), and for the primary one the chronicity
/// level (GPC-LivelloGravita: 1 high … 3 low).
/// </summary>
public sealed record PicPathology(
    string ResourceId,
    ProblemType Type,
    Icd9CmCode? Icd9Cm,
    string? Icd9CmDescription,
    int? RegionalCode,
    string? RegionalDescription,
    int? ChronicityLevel,
    DateOnly? RecordedOn);

/// <summary>A drug of the current therapy (profile RLMedicationRequestTerapiaFarmacologica).</summary>
public sealed record PicDrugTherapy(
    string ResourceId,
    string? AicCode,
    string? AtcCode,
    string? EquivalenceGroupCode,
    string Description,
    string? DosageText,
    DateOnly? From,
    DateOnly? To,
    decimal? Dose,
    string? DoseUnit,
    int? Frequency,
    decimal? Period,
    string? PeriodUnit,
    bool? DeliveredToPatient,
    string? Note);

/// <summary>
/// A validated picMMG message: the GP's record system asks to take the patient in charge and
/// to open the individual plan (PI/PAI) prefilled with its pathologies and drug therapy.
/// </summary>
public sealed record PicMmgRequest(
    string MessageId,
    DateTimeOffset? SentAt,
    string SourceName,
    string SourceEndpoint,
    PicPatient Patient,
    PicPathology PrimaryPathology,
    IReadOnlyList<PicPathology> OtherProblems,
    IReadOnlyList<PicDrugTherapy> DrugTherapy)
{
    /// <summary>The chronicity level is required on the primary pathology (error 3.4), hence never null here.</summary>
    public int ChronicityLevel => PrimaryPathology.ChronicityLevel!.Value;
}
