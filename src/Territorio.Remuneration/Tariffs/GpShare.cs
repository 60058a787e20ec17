namespace Territorio.Remuneration.Tariffs;

/// <summary>The GP's ("otto%") share of a tariff: computed, never typed into a catalogue.</summary>
public static class GpShare
{
    // DGR X/6164/2017 (seed 000, "Ruolo del MMG"): the MMG Gestore gets 8% of the ambulatory component.
    public const decimal Rate = 0.08m;

    public static decimal Of(decimal amb) => Euro.ToCent(amb * Rate);
}
