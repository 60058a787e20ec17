using System.Globalization;

namespace Territorio.Synthetic;

/// <summary>
/// Deterministic synthetic SDO flow (CSV in the layout of issue 3) for demos, tests and
/// benchmarks: acute admissions of a population, and rehab admissions that follow realistic
/// clinical paths (stroke, hip fracture, heart failure, COPD, spinal cord injury, severe brain
/// injury), with the edge cases the DM 5/8/2021 criteria must meet: no preceding acute stay,
/// late admissions, minors, excluded discharge modes, other MDCs, transfers, re-admissions,
/// missing scales.
/// </summary>
public static class SdoGenerator
{
    public const string Header =
        "record_id,patient_id,birth_date,sex,structure_id,discipline,regime,admission_date,discharge_date,discharge_mode,mdc,drg,principal_dx,secondary_dx,procedures,transfer_from_discipline,rankin,barthel,barthel_dyspnoea,six_minute_walk_m,rcs";

    /// <summary>Structure numbers of the demo flow ("03" + four digits): acute hospitals, then rehabilitation structures.</summary>
    public const int FirstStructure = 100, FirstRehabStructure = 400, LastStructure = 479;

    private sealed record Path(int Weight, int RehabDiscipline, int Mdc, int AcuteDiscipline, string[] AcuteDx, string[] RehabDx, string[] Comorbidities, string[] Procedures);

    // Codes of the Italian ICD-9-CM 2007; the paths mirror the usual post-acute flows.
    private static readonly Path[] Paths =
    [
        new(30, 56, 1, 32, ["434.91", "436", "431"], ["438.11", "342.90", "434.91"], ["401.9", "250.00", "427.31", "428.0", "599.0", "707.03"], ["93.11", "93.39", "99.04"]),
        new(25, 56, 8, 36, ["820.8", "715.35", "V43.64"], ["V54.13", "V43.64", "715.35", "820.8"], ["401.9", "250.00", "263.9", "585.6", "272.4"], ["93.11", "81.51", "93.39"]),
        new(15, 56, 5, 8, ["428.0", "410.71", "414.01"], ["428.0", "414.01", "V45.81"], ["401.9", "250.00", "427.31", "585.6", "403.91"], ["93.11", "89.52"]),
        new(12, 56, 4, 68, ["491.21", "518.81", "486"], ["491.21", "518.81", "496"], ["428.0", "401.9", "V46.11", "263.9"], ["93.18", "96.71", "31.1"]),
        new(6, 28, 1, 36, ["806.00", "952.00", "805.4"], ["344.00", "344.1", "806.00", "952.00"], ["599.0", "707.03", "V44.0"], ["93.11", "57.94"]),
        new(6, 75, 1, 30, ["852.20", "854.05", "348.1", "431"], ["907.0", "348.1", "852.20", "780.01"], ["V44.0", "V46.11", "263.9", "599.0"], ["96.71", "31.1", "96.6"]),
        new(6, 56, 3, 38, ["386.11", "389.10"], ["386.11"], ["401.9"], ["93.11"]),
    ];

    private static readonly string[] AcuteDisciplines = ["08", "09", "26", "32", "36", "43", "49", "64", "68", "37"];
    private static readonly string[] CommonDx = ["401.9", "250.00", "428.0", "486", "574.20", "550.90", "185", "153.9", "780.2", "786.50", "789.00", "410.71", "434.91", "820.8", "491.21", "599.0", "272.4", "427.31", "V57.89", "715.35"];
    private static readonly string[] CommonProc = ["88.72", "45.13", "99.04", "89.52", "36.10", "81.51", "99.15"];

    /// <summary>Writes <paramref name="acute"/> acute and <paramref name="rehab"/> rehab records; same seed, same file.</summary>
    public static void Write(TextWriter output, long acute, int rehab, int seed, DateOnly? periodEnd = null)
    {
        var random = new Random(seed);
        var end = periodEnd ?? new DateOnly(2025, 12, 31);
        var start = end.AddYears(-2);
        int span = end.DayNumber - start.DayNumber;
        long patients = Math.Max(1, (acute / 2) + rehab);
        int totalWeight = Paths.Sum(p => p.Weight);
        long acuteLeft = acute;
        long acuteId = 0;
        int rehabId = 0;
        output.Write(Header);
        output.Write('\n');

        // Spread the filler acute rows evenly between the rehab paths.
        long fillerPerPath = rehab == 0 ? acute : Math.Max(0, (acute - (rehab * 7L / 10)) / rehab);
        for (int r = 0; r <= rehab; r++)
        {
            long filler = r == rehab ? acuteLeft : Math.Min(acuteLeft, fillerPerPath);
            for (long f = 0; f < filler; f++)
            {
                long patient = random.NextInt64(patients);
                var discharge = start.AddDays(random.Next(span));
                WriteAcute(output, random, ++acuteId, patient, discharge, AcuteDisciplines[random.Next(AcuteDisciplines.Length)], CommonDx);
            }

            acuteLeft -= filler;
            if (r == rehab)
            {
                break;
            }

            var path = PickPath(random, totalWeight);
            long person = random.NextInt64(patients);
            var admission = start.AddDays(400 + random.Next(span - 400));
            double roll = random.NextDouble();
            if (roll < 0.72 && acuteLeft > 0)
            {
                // Post-acute: mostly within Annex-5 limits, some late (art.3 c.6), a few exactly 12 months before.
                int gap = roll < 0.55 ? random.Next(0, 25) : roll < 0.65 ? random.Next(25, 120) : roll < 0.70 ? random.Next(120, 360) : admission.DayNumber - admission.AddMonths(-12).DayNumber;
                WriteAcute(output, random, ++acuteId, person, admission.AddDays(-gap), path.AcuteDiscipline.ToString("00", CultureInfo.InvariantCulture), path.AcuteDx);
                acuteLeft--;
            }

            var discharged = WriteRehab(output, random, ++rehabId, person, admission, path);
            if (random.NextDouble() < 0.04 && r + 1 < rehab)
            {
                // A second rehab stay: transfer to a unit of the same discipline, or a later re-admission (art.3 c.4).
                bool transfer = random.NextDouble() < 0.5;
                var next = transfer ? discharged.AddDays(random.Next(2)) : discharged.AddDays(30 + random.Next(200));
                WriteRehab(output, random, ++rehabId, person, next, path, transfer ? path.RehabDiscipline : null);
                r++;
            }
        }
    }

    private static Path PickPath(Random random, int totalWeight)
    {
        int pick = random.Next(totalWeight);
        foreach (var path in Paths)
        {
            if ((pick -= path.Weight) < 0)
            {
                return path;
            }
        }

        return Paths[0];
    }

    private static void WriteAcute(TextWriter output, Random random, long id, long patient, DateOnly discharge, string discipline, string[] dx)
    {
        int stay = random.Next(1, 15);
        var birth = discharge.AddYears(-random.Next(20, 95)).AddDays(-random.Next(365));
        string secondary = random.NextDouble() < 0.6 ? $"{CommonDx[random.Next(CommonDx.Length)]}|{CommonDx[random.Next(CommonDx.Length)]}" : CommonDx[random.Next(CommonDx.Length)];
        output.Write(string.Create(CultureInfo.InvariantCulture,
            $"A{id:D10},P{patient:D9},{birth:yyyy-MM-dd},{1 + random.Next(2)},03{random.Next(FirstStructure, FirstRehabStructure):D4},{discipline},1,{discharge.AddDays(-stay):yyyy-MM-dd},{discharge:yyyy-MM-dd},{(random.NextDouble() < 0.05 ? 8 : 2)},{random.Next(1, 24)},{random.Next(1, 580):D3},{dx[random.Next(dx.Length)]},{secondary},{CommonProc[random.Next(CommonProc.Length)]},,,,,,\n"));
    }

    private static DateOnly WriteRehab(TextWriter output, Random random, int id, long patient, DateOnly admission, Path path, int? transferFrom = null)
    {
        int stay = random.Next(5, 40);
        double edge = random.NextDouble();
        int age = edge < 0.01 ? 17 : edge < 0.02 ? 18 : random.Next(30, 95);
        var birth = admission.AddYears(-age).AddDays(-random.Next(1, 300));
        string mode = edge < 0.04 ? (edge < 0.03 ? "1" : "5") : random.NextDouble() < 0.1 ? "9" : "2";
        int comorbidities = random.Next(0, 4);
        var secondary = Enumerable.Range(0, comorbidities).Select(_ => path.Comorbidities[random.Next(path.Comorbidities.Length)]).Distinct()
            .Concat(random.NextDouble() < 0.5 ? [path.RehabDx[random.Next(path.RehabDx.Length)]] : []).Distinct().Take(5);
        string principal = path.RehabDx[random.Next(path.RehabDx.Length)];
        var procedures = Enumerable.Range(0, random.Next(1, 3)).Select(_ => path.Procedures[random.Next(path.Procedures.Length)]).Distinct();
        bool scales = random.NextDouble() > 0.05;
        string Scale(int min, int max, bool applies) => scales && applies ? random.Next(min, max + 1).ToString(CultureInfo.InvariantCulture) : "";
        output.Write(string.Create(CultureInfo.InvariantCulture,
            $"R{id:D9},P{patient:D9},{birth:yyyy-MM-dd},{1 + random.Next(2)},03{random.Next(FirstRehabStructure, LastStructure + 1):D4},{path.RehabDiscipline},{(random.NextDouble() < 0.12 ? 2 : 1)},{admission:yyyy-MM-dd},{admission.AddDays(stay):yyyy-MM-dd},{mode},{path.Mdc},{random.Next(1, 580):D3},{principal},{string.Join('|', secondary.Where(s => s != principal))},{string.Join('|', procedures)},{transferFrom?.ToString(CultureInfo.InvariantCulture)},{Scale(0, 5, true)},{Scale(0, 100, true)},{Scale(0, 100, path.Mdc == 4)},{Scale(50, 600, path.Mdc == 5)},{Scale(0, 22, true)}\n"));
        return admission.AddDays(stay);
    }
}
