namespace Territorio.Synthetic;

/// <summary>How a pathology shows in the flows: which record, which code, for which ages.</summary>
internal enum Flow
{
    Exemption,
    Drug,
    Sdo,
    Dialysis,
}

internal sealed record Sign(Flow Flow, string Code, double Probability, int MinAge = 0, int MaxAge = 200, int Mdc = 5, int WindowMonths = 54);

/// <summary>
/// A chronic pathology of the demo region (regional catalogue code), with its weight among the
/// chronic, how prevalence changes with age and sex, and how it shows in the flows. A family
/// may have a complicated variant (catalogue code that replaces the plain one).
/// </summary>
internal sealed record Family(int Code, double Weight, Func<int, double> ByAge, double FemaleFactor, Sign[] Signs, int Variant = 0, double VariantShare = 0, Sign[]? VariantSigns = null);

internal static class PathologyFamilies
{
    private static double Young(int a) => a < 45 ? 1 : 0.4;

    private static double Flat(int a) => 1;

    private static double Adult(int a) => 0.2 + (a / 50.0);

    private static double Elderly(int a) => 0.01 + Math.Pow(a / 60.0, 2);

    private static double VeryElderly(int a) => 0.001 + Math.Pow(a / 70.0, 4);

    // Weights and signs are demo assumptions (prevalence ranks as in the national model note);
    // codes are those the provisional criteria recognise, each sign proving only its own family.
    public static readonly Family[] All =
    [
        new(56, 30, Elderly, 1.0, [new(Flow.Drug, "C09AA02", 0.6, MinAge: 18), new(Flow.Drug, "C08CA01", 0.3, MinAge: 18), new(Flow.Exemption, "031", 0.4), new(Flow.Sdo, "4019", 0.1)]),
        new(48, 18, Elderly, 0.9, [new(Flow.Drug, "C10AA05", 0.8), new(Flow.Sdo, "2720", 0.05, Mdc: 10)]),
        new(50, 10, Elderly, 0.8, [new(Flow.Drug, "A10BA02", 0.8), new(Flow.Exemption, "013", 0.6, MinAge: 30), new(Flow.Sdo, "25000", 0.1, Mdc: 10)],
            Variant: 16, VariantShare: 0.2, VariantSigns: [new(Flow.Sdo, "25040", 1, Mdc: 10), new(Flow.Drug, "A10BA02", 0.7)]),
        new(60, 9, Adult, 3.0, [new(Flow.Drug, "H03AA01", 0.9), new(Flow.Sdo, "2449", 0.05, Mdc: 10)]),
        new(29, 6, Elderly, 0.55, [new(Flow.Sdo, "41401", 0.6), new(Flow.Drug, "C01DA14", 0.4), new(Flow.Exemption, "0A02", 0.3)]),
        new(30, 5, VeryElderly, 0.9, [new(Flow.Drug, "B01AF02", 0.6), new(Flow.Drug, "C01BD01", 0.2), new(Flow.Sdo, "42731", 0.3)]),
        new(39, 5, Elderly, 0.7, [new(Flow.Drug, "R03BB04", 0.6, MinAge: 45), new(Flow.Exemption, "057", 0.3), new(Flow.Sdo, "49121", 0.2, Mdc: 4)]),
        new(63, 5, Young, 1.1, [new(Flow.Drug, "R03AK06", 0.7, MaxAge: 44), new(Flow.Exemption, "007", 0.4), new(Flow.Sdo, "49390", 0.05, Mdc: 4)]),
        new(20, 3, VeryElderly, 1.0, [new(Flow.Sdo, "4280", 0.7), new(Flow.Exemption, "021", 0.3), new(Flow.Drug, "C09DX04", 0.2)]),
        new(17, 3, VeryElderly, 0.9, [new(Flow.Exemption, "023", 0.5), new(Flow.Sdo, "5853", 0.6, Mdc: 11)],
            Variant: 2, VariantShare: 0.04, VariantSigns: [new(Flow.Dialysis, "39.95.1", 1), new(Flow.Exemption, "023", 0.7)]),
        new(10, 4, Elderly, 1.0, [new(Flow.Exemption, "048", 0.7), new(Flow.Drug, "L02BG04", 0.3), new(Flow.Sdo, "1749", 0.3, Mdc: 9, WindowMonths: 20)]),
        new(23, 3, VeryElderly, 1.0, [new(Flow.Sdo, "43491", 0.8, Mdc: 1), new(Flow.Exemption, "0B02", 0.2)]),
        new(14, 2, Elderly, 0.6, [new(Flow.Sdo, "44021", 0.7), new(Flow.Drug, "B01AC23", 0.3)]),
        new(25, 2, VeryElderly, 1.0, [new(Flow.Sdo, "4240", 1)]),
        new(34, 1.5, Flat, 1.0, [new(Flow.Drug, "N03AX14", 0.7), new(Flow.Exemption, "017", 0.5), new(Flow.Sdo, "34590", 0.1, Mdc: 1)]),
        new(28, 2, VeryElderly, 1.3, [new(Flow.Exemption, "011", 0.6), new(Flow.Sdo, "2900", 0.5, Mdc: 19)],
            Variant: 47, VariantShare: 0.4, VariantSigns: [new(Flow.Drug, "N06DA02", 0.7), new(Flow.Exemption, "029", 0.5), new(Flow.Sdo, "3310", 0.2, Mdc: 1)]),
        new(33, 1, VeryElderly, 0.8, [new(Flow.Drug, "N04BA02", 0.8, MinAge: 40), new(Flow.Exemption, "038", 0.4), new(Flow.Sdo, "3320", 0.1, Mdc: 1)]),
        new(44, 1, Young, 0.9, [new(Flow.Drug, "A10AB05", 0.9, MaxAge: 29), new(Flow.Exemption, "013", 0.7, MaxAge: 29), new(Flow.Sdo, "25001", 0.2, Mdc: 10)],
            Variant: 8, VariantShare: 0.2, VariantSigns: [new(Flow.Sdo, "25041", 1, Mdc: 10), new(Flow.Drug, "A10AB05", 0.8, MaxAge: 29)]),
        new(9, 1, VeryElderly, 0.9, [new(Flow.Drug, "V03AN01", 0.7), new(Flow.Exemption, "024", 0.4), new(Flow.Sdo, "51883", 0.3, Mdc: 4)]),
        new(40, 1.2, Adult, 2.5, [new(Flow.Exemption, "006", 0.7), new(Flow.Drug, "L04AB01", 0.3), new(Flow.Sdo, "7140", 0.05, Mdc: 8)]),
        new(46, 1, Young, 1.0, [new(Flow.Drug, "A07EC02", 0.7), new(Flow.Exemption, "009", 0.5), new(Flow.Sdo, "5559", 0.1, Mdc: 6)]),
        new(41, 1.5, Flat, 1.0, [new(Flow.Exemption, "045", 0.6), new(Flow.Drug, "D05BB02", 0.3), new(Flow.Sdo, "6961", 0.05, Mdc: 9)]),
        new(62, 1, Adult, 3.0, [new(Flow.Drug, "H03BB02", 0.8), new(Flow.Exemption, "035", 0.3), new(Flow.Sdo, "24200", 0.05, Mdc: 10)]),
        new(43, 0.8, Adult, 0.8, [new(Flow.Exemption, "016", 0.6), new(Flow.Sdo, "07054", 0.3, Mdc: 7), new(Flow.Drug, "J05AP55", 0.1)]),
        new(19, 0.6, Elderly, 0.6, [new(Flow.Exemption, "008", 0.6), new(Flow.Sdo, "5715", 0.6, Mdc: 7)]),
        new(6, 0.3, Young, 0.4, [new(Flow.Drug, "J05AR03", 0.8, MinAge: 15), new(Flow.Exemption, "020", 0.7), new(Flow.Sdo, "042", 0.1, Mdc: 25)]),
        new(13, 0.3, Young, 2.0, [new(Flow.Exemption, "046", 0.8), new(Flow.Drug, "L04AA27", 0.4), new(Flow.Sdo, "340", 0.1, Mdc: 1)]),
        new(1, 0.1, Adult, 0.7, [new(Flow.Exemption, "052", 0.8), new(Flow.Drug, "L04AD02", 0.8), new(Flow.Sdo, "V420", 0.2, Mdc: 11)]),
    ];

    /// <summary>Draws <paramref name="count"/> distinct families, weighted by prevalence for this age and sex.</summary>
    public static List<(Family Family, bool Complicated)> Draw(Random random, int age, bool female, int count)
    {
        Span<double> weights = stackalloc double[All.Length];
        for (int i = 0; i < All.Length; i++)
        {
            weights[i] = All[i].Weight * All[i].ByAge(age) * (female ? All[i].FemaleFactor : 1);
        }

        var chosen = new List<(Family, bool)>(count);
        for (int n = 0; n < count; n++)
        {
            double total = 0;
            foreach (double w in weights)
            {
                total += w;
            }

            double u = random.NextDouble() * total;
            int pick = 0;
            while (pick < All.Length - 1 && (u -= weights[pick]) > 0)
            {
                pick++;
            }

            weights[pick] = 0;
            var family = All[pick];
            chosen.Add((family, family.Variant != 0 && random.NextDouble() < family.VariantShare));
        }

        return chosen;
    }
}
