using Territorio.Kernel.Codes;
using Territorio.Kernel.Population;

namespace Territorio.Kernel.Hospital;

/// <summary>
/// One hospital discharge record (Scheda di Dimissione Ospedaliera, DM 380/2000 as revised by
/// DM 261/2016), acute or rehabilitation, with the rehab entry scales of the SDOr where present.
/// </summary>
public sealed record SdoRecord
{
    public required string RecordId { get; init; }

    public required string PatientId { get; init; }

    public required DateOnly BirthDate { get; init; }

    public required Sex Sex { get; init; }

    public required string StructureId { get; init; }

    /// <summary>Ward discipline code (28, 56, 75 rehabilitation; others acute).</summary>
    public required int Discipline { get; init; }

    /// <summary>1 ordinary, 2 day hospital.</summary>
    public required int Regime { get; init; }

    public required DateOnly AdmissionDate { get; init; }

    public required DateOnly DischargeDate { get; init; }

    /// <summary>SDO discharge-mode code (1 deceased, 2 home, …: data/sdo/code_values.csv).</summary>
    public required string DischargeMode { get; init; }

    public required int Mdc { get; init; }

    /// <summary>The MDC the principal diagnosis belongs to by the diagnosis → MDC table; null when not looked up.</summary>
    public int? PrincipalDiagnosisMdc { get; init; }

    public string Drg { get; init; } = "";

    public required Icd9CmCode PrincipalDiagnosis { get; init; }

    public IReadOnlyList<Icd9CmCode> SecondaryDiagnoses { get; init; } = [];

    public IReadOnlyList<Icd9CmCode> Procedures { get; init; } = [];

    /// <summary>Discipline of the unit the patient was transferred from; null if none.</summary>
    public int? TransferFromDiscipline { get; init; }

    public SdoScales Scales { get; init; } = SdoScales.None;

    public bool IsRehabilitation => Discipline is 28 or 56 or 75;

    public int LengthOfStay => DischargeDate.DayNumber - AdmissionDate.DayNumber;
}

/// <summary>Entry values of the rehabilitation scales recorded in the SDOr (any may be missing).</summary>
public sealed record SdoScales(int? Rankin, int? Barthel, int? BarthelDyspnoea, int? SixMinuteWalkMetres, int? Rcs)
{
    public static readonly SdoScales None = new(null, null, null, null, null);
}
