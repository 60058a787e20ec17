namespace Territorio.Remuneration.Tariffs;

/// <summary>
/// Money is <see cref="decimal"/> euro kept exact to the cent; every rounding in the bounded
/// context goes through here (half away from zero, as Italian accounting does), see decision 0060.
/// </summary>
public static class Euro
{
    public static decimal ToCent(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

    public static decimal ToEuro(decimal amount) => Math.Round(amount, 0, MidpointRounding.AwayFromZero);

    public static bool IsWholeCents(decimal amount) => amount == ToCent(amount);
}
