using Territorio.Kernel.Codes;
using Territorio.Kernel.Hospital;
using Territorio.Kernel.Population;
using Territorio.Rehab.Engine;

namespace Territorio.Rehab.Tests;

/// <summary>Builders for rehab admissions and acute discharges in unit tests.</summary>
public static class Cases
{
    public static readonly DateOnly Admission = new(2025, 6, 15);

    public static SdoRecord RehabStay(
        int discipline = 56,
        int mdc = 1,
        string principal = "438.11",
        string[]? secondary = null,
        string[]? procedures = null,
        int regime = 1,
        string dischargeMode = "2",
        DateOnly? birth = null,
        DateOnly? admission = null,
        int stay = 20,
        int? transferFrom = null,
        SdoScales? scales = null,
        string id = "R1") =>
        new()
        {
            RecordId = id,
            PatientId = "P1",
            BirthDate = birth ?? new DateOnly(1950, 1, 1),
            Sex = Sex.Female,
            StructureId = "030400",
            Discipline = discipline,
            Regime = regime,
            AdmissionDate = admission ?? Admission,
            DischargeDate = (admission ?? Admission).AddDays(stay),
            DischargeMode = dischargeMode,
            Mdc = mdc,
            PrincipalDiagnosis = Icd9CmCode.ParseDiagnosis(principal),
            SecondaryDiagnoses = (secondary ?? []).Select(c => Icd9CmCode.ParseDiagnosis(c)).ToArray(),
            Procedures = (procedures ?? []).Select(c => Icd9CmCode.ParseProcedure(c)).ToArray(),
            TransferFromDiscipline = transferFrom,
            Scales = scales ?? new SdoScales(2, 30, 60, 150, 15),
        };

    public static AcuteDischarge Acute(int daysBefore, string principal = "434.91", params string[] secondary) =>
        new("A1", 32, Admission.AddDays(-daysBefore), Icd9CmCode.ParseDiagnosis(principal), secondary.Select(c => Icd9CmCode.ParseDiagnosis(c)).ToArray());
}
