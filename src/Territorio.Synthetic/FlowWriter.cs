namespace Territorio.Synthetic;

/// <summary>
/// Writes one synthetic person's records into the flows. Every record falls between the
/// person's birth and the as-of date (or death): the files contain no bad rows.
/// </summary>
internal sealed class FlowWriter(PopulationWriters writers, DateOnly asOf)
{
    private static readonly string[] AcuteDiagnoses = ["486", "5409", "81342", "5990"];
    private static readonly string[] OccasionalDrugs = ["J01CA04", "M01AE01", "N02BE01"];
    private long _sdoCount;

    public void WriteChronic(Random random, SyntheticPerson person, List<(Family Family, bool Complicated)> pathologies)
    {
        var sdoCodes = new List<string>();
        foreach (var (family, complicated) in pathologies)
        {
            var signs = complicated ? family.VariantSigns! : family.Signs;
            var allowed = signs.Where(s => person.Age >= s.MinAge && person.Age <= s.MaxAge).ToList();
            // A complicated variant always shows its defining sign (the first); others by chance.
            var shown = allowed.Where((s, i) => (complicated && i == 0) || random.NextDouble() < s.Probability).ToList();
            if (shown.Count == 0)
            {
                shown.Add(allowed[random.Next(allowed.Count)]);
            }

            foreach (var sign in shown)
            {
                switch (sign.Flow)
                {
                    case Flow.Exemption:
                        WriteExemption(random, person, sign.Code);
                        break;
                    case Flow.Drug:
                        WriteMonthlyDrug(random, person, sign.Code);
                        break;
                    case Flow.Dialysis:
                        WriteDialysis(random, person, sign.Code);
                        break;
                    default:
                        if (DateBetween(random, person, asOf.AddMonths(-sign.WindowMonths), asOf) is { } discharge)
                        {
                            sdoCodes.Add(sign.Code);
                            WriteSdo(random, person, discharge, sign.Code, "", sign.Mdc);
                        }

                        break;
                }
            }
        }

        // Follow-up: control visits, and for a third of the chronic a proton-pump inhibitor.
        int visits = random.Next(1, 5);
        for (int v = 0; v < visits; v++)
        {
            WriteOutpatient(person, DateBetween(random, person, asOf.AddMonths(-24), asOf), "89.01");
        }

        if (random.NextDouble() < 0.3)
        {
            WriteMonthlyDrug(random, person, "A02BC01");
        }

        // Sometimes one more stay coded with the person's own chronic conditions.
        if (sdoCodes.Count > 1 && random.NextDouble() < 0.3 && DateBetween(random, person, asOf.AddMonths(-30), asOf) is { } stay)
        {
            WriteSdo(random, person, stay, sdoCodes[0], string.Join('|', sdoCodes.Skip(1).Take(5)), 5);
        }
    }

    /// <summary>A non-chronic person who used services in the last 12 months.</summary>
    public void WriteSporadicUse(Random random, SyntheticPerson person)
    {
        var from = asOf.AddMonths(-12).AddDays(1);
        bool any = false;
        if (random.NextDouble() < 0.6)
        {
            any |= WriteOutpatient(person, DateBetween(random, person, from, asOf), "89.7");
        }

        if (random.NextDouble() < 0.3)
        {
            any |= WriteOutpatient(person, DateBetween(random, person, from, asOf), "90.62.2");
        }

        if (random.NextDouble() < 0.4)
        {
            any |= WriteDrug(person, DateBetween(random, person, from, asOf), OccasionalDrugs[random.Next(OccasionalDrugs.Length)], 1, 6);
        }

        if (random.NextDouble() < 0.05)
        {
            // One pack of a statin: below the chronic-use threshold.
            any |= WriteDrug(person, DateBetween(random, person, from, asOf), "C10AA05", 1, 28);
        }

        if (random.NextDouble() < 0.04 && DateBetween(random, person, from, asOf) is { } discharge)
        {
            any |= WriteSdo(random, person, discharge, AcuteDiagnoses[random.Next(AcuteDiagnoses.Length)], "", 4);
        }

        if (!any)
        {
            WriteOutpatient(person, DateBetween(random, person, from, asOf), "89.7");
        }
    }

    /// <summary>A non-user: nothing, or use more than 12 months ago, or an expired exemption.</summary>
    public void WriteOldUseOrNothing(Random random, SyntheticPerson person)
    {
        var to = asOf.AddMonths(-12);
        if (random.NextDouble() < 0.35)
        {
            WriteOutpatient(person, DateBetween(random, person, asOf.AddMonths(-36), to), "89.7");
        }

        if (random.NextDouble() < 0.15)
        {
            WriteDrug(person, DateBetween(random, person, asOf.AddMonths(-30), to), OccasionalDrugs[random.Next(OccasionalDrugs.Length)], 1, 6);
        }

        if (random.NextDouble() < 0.01 && DateBetween(random, person, asOf.AddYears(-8), asOf.AddYears(-3)) is { } start)
        {
            // A cancer exemption that ended: not active at the as-of date.
            writers.Exemptions.WriteLine($"{person.Id},048,{DemoPopulation.Iso(start)},{DemoPopulation.Iso(start.AddYears(2))}");
        }
    }

    private void WriteExemption(Random random, SyntheticPerson person, string code)
    {
        if (DateBetween(random, person, asOf.AddYears(-12), asOf.AddDays(-1)) is { } start)
        {
            string end = random.NextDouble() < 0.3 ? DemoPopulation.Iso(asOf.AddYears(random.Next(1, 5))) : "";
            writers.Exemptions.WriteLine($"{person.Id},{code},{DemoPopulation.Iso(start)},{end}");
        }
    }

    /// <summary>A chronic therapy: one dispensing about every month for 6 to 18 months.</summary>
    private void WriteMonthlyDrug(Random random, SyntheticPerson person, string atc)
    {
        int months = random.Next(6, 19);
        var date = asOf.AddDays(-random.Next(0, 30));
        for (int m = 0; m < months; m++)
        {
            int packs = random.NextDouble() < 0.3 ? 2 : 1;
            if (!WriteDrug(person, date, atc, packs, packs * 28))
            {
                break;
            }

            date = date.AddDays(-random.Next(26, 35));
        }
    }

    /// <summary>Haemodialysis three times a week over the last year.</summary>
    private void WriteDialysis(Random random, SyntheticPerson person, string code)
    {
        var date = asOf.AddDays(-random.Next(0, 3));
        for (int s = 0; s < 150; s++)
        {
            if (!WriteOutpatient(person, date, code))
            {
                break;
            }

            date = date.AddDays(s % 3 == 2 ? -3 : -2);
        }
    }

    private bool WriteDrug(SyntheticPerson person, DateOnly? date, string atc, int packs, int ddd)
    {
        if (!Fits(person, date))
        {
            return false;
        }

        writers.Drugs.WriteLine($"{person.Id},{DemoPopulation.Iso(date!.Value)},{atc},{packs},{ddd}");
        return true;
    }

    private bool WriteOutpatient(SyntheticPerson person, DateOnly? date, string code)
    {
        if (!Fits(person, date))
        {
            return false;
        }

        writers.Outpatient.WriteLine($"{person.Id},{DemoPopulation.Iso(date!.Value)},{code}");
        return true;
    }

    private bool WriteSdo(Random random, SyntheticPerson person, DateOnly discharge, string principal, string secondary, int mdc)
    {
        var admission = discharge.AddDays(-random.Next(1, 9));
        if (!Fits(person, discharge) || admission < person.Birth)
        {
            return false;
        }

        bool died = person.Death == discharge;
        writers.Sdo.WriteLine($"S{++_sdoCount:D10},{person.Id},{DemoPopulation.Iso(person.Birth)},{(person.Female ? 2 : 1)},030001,26,1,{DemoPopulation.Iso(admission)},{DemoPopulation.Iso(discharge)},{(died ? 1 : 2)},{mdc},000,{principal},{secondary},,,,,,,");
        return true;
    }

    private bool Fits(SyntheticPerson person, DateOnly? date) =>
        date is { } d && d > person.Birth && d <= asOf && (person.Death is null || d <= person.Death);

    /// <summary>A uniform date in [from, to], after birth; null when the person was not born yet.</summary>
    private static DateOnly? DateBetween(Random random, SyntheticPerson person, DateOnly from, DateOnly to)
    {
        if (from <= person.Birth)
        {
            from = person.Birth.AddDays(1);
        }

        return from > to ? null : from.AddDays(random.Next(0, to.DayNumber - from.DayNumber + 1));
    }
}
