using Territorio.CareManagement.Common;
using Territorio.CareManagement.Network;
using static Territorio.CareManagement.Tests.Given;

namespace Territorio.CareManagement.Tests;

public class AgendaCalendarTests
{
    [Theory]
    [InlineData(2026, 4, 5)]
    [InlineData(2027, 3, 28)]
    [InlineData(2024, 3, 31)]
    [InlineData(2025, 4, 20)]
    public void EasterSunday_IsComputed(int year, int month, int day) =>
        ItalianHolidays.EasterSunday(year).ShouldBe(new DateOnly(year, month, day));

    [Theory]
    [InlineData("2026-01-01", "Capodanno")]
    [InlineData("2026-01-06", "Epifania")]
    [InlineData("2026-04-06", "Lunedì dell'Angelo (Pasquetta)")]
    [InlineData("2026-04-25", "Festa della Liberazione")]
    [InlineData("2026-05-01", "Festa del Lavoro")]
    [InlineData("2026-06-02", "Festa della Repubblica")]
    [InlineData("2026-08-15", "Assunzione (Ferragosto)")]
    [InlineData("2026-11-01", "Ognissanti")]
    [InlineData("2026-12-08", "Immacolata Concezione")]
    [InlineData("2026-12-25", "Natale")]
    [InlineData("2026-12-26", "Santo Stefano")]
    public void NationalHoliday_IsNamed(string day, string name) =>
        ItalianHolidays.NameOf(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(name);

    [Fact]
    public void WorkingDay_IsNoHoliday()
    {
        ItalianHolidays.IsHoliday(new DateOnly(2026, 4, 7)).ShouldBeFalse();
        ItalianHolidays.IsHoliday(new DateOnly(2026, 12, 7)).ShouldBeFalse();
    }

    [Fact]
    public void Slot_OnANationalHoliday_IsRefused()
    {
        Should.Throw<CareRuleException>(() => AgendaSlot.Open(Erogatore(), "89.7", new DateOnly(2026, 12, 8), new TimeOnly(9, 0), 20, 1))
            .Message.ShouldContain("festivo (Immacolata Concezione)");
    }

    [Fact]
    public void Slot_OnAClosure_IsRefused_AndTheClosureNamesItsReason()
    {
        var erogatore = Erogatore();
        erogatore.Close(new DateOnly(2026, 12, 7), new DateOnly(2026, 12, 7), "Sant'Ambrogio, patrono di Milano", By(ClinicalManager()));

        Should.Throw<CareRuleException>(() => AgendaSlot.Open(erogatore, "89.7", new DateOnly(2026, 12, 7), new TimeOnly(9, 0), 20, 1))
            .Message.ShouldContain("Sant'Ambrogio");
    }

    [Fact]
    public void Closure_EndingBeforeItStarts_IsRefused()
    {
        Should.Throw<CareRuleException>(() => Erogatore().Close(new DateOnly(2026, 8, 20), new DateOnly(2026, 8, 10), "ferie", By(ClinicalManager())))
            .Message.ShouldContain("precede l'inizio");
    }

    [Fact]
    public void Slot_OutsideOpeningHours_OrOnAWeeklyClosingDay_IsRefused()
    {
        var erogatore = Erogatore();
        erogatore.SetOpeningHours(DayOfWeek.Monday, new TimeOnly(8, 0), new TimeOnly(12, 0), By(ClinicalManager()));
        var monday = new DateOnly(2026, 3, 9);

        Should.Throw<CareRuleException>(() => AgendaSlot.Open(erogatore, "89.7", monday, new TimeOnly(11, 50), 20, 1)).Message.ShouldContain("fuori dall'orario di lunedì");
        Should.Throw<CareRuleException>(() => AgendaSlot.Open(erogatore, "89.7", monday.AddDays(1), new TimeOnly(9, 0), 20, 1)).Message.ShouldContain("chiuso di martedì");
        AgendaSlot.Open(erogatore, "89.7", monday, new TimeOnly(11, 40), 20, 1).EndsAt.ShouldBe(monday.ToDateTime(new TimeOnly(12, 0)));
    }

    [Fact]
    public void OpeningHours_ClosingBeforeOpening_IsRefused()
    {
        Should.Throw<CareRuleException>(() => Erogatore().SetOpeningHours(DayOfWeek.Friday, new TimeOnly(14, 0), new TimeOnly(9, 0), By(ClinicalManager())))
            .Message.ShouldContain("venerdì");
    }

    [Fact]
    public void AgendaFromHours_FillsEachOpenDayWithTheServicesSlotLength_SkippingHolidaysAndClosures()
    {
        var erogatore = Erogatore();
        erogatore.Offer("89.7", Branche, By(ClinicalManager()), slotMinutes: 40);
        foreach (var day in new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday })
        {
            erogatore.SetOpeningHours(day, new TimeOnly(8, 0), new TimeOnly(10, 0), By(ClinicalManager()));
        }

        erogatore.Close(new DateOnly(2026, 12, 24), new DateOnly(2026, 12, 24), "chiusura prefestiva", By(ClinicalManager()));

        // Monday 21 to Sunday 27 December 2026: open on 21, 22, 23; 24 closed, 25 and 26 holidays, 27 Sunday.
        var slots = AgendaSlot.OpenFromHours(erogatore, "89.7", new DateOnly(2026, 12, 21), new DateOnly(2026, 12, 27), 1).ToList();

        slots.Select(s => s.Date.Day).Distinct().ShouldBe([21, 22, 23]);
        slots.Where(s => s.Date.Day == 21).Select(s => s.Start).ShouldBe([new TimeOnly(8, 0), new TimeOnly(8, 40), new TimeOnly(9, 20)]);
        slots.ShouldAllBe(s => s.DurationMinutes == 40);
    }

    [Fact]
    public void AgendaAtGivenTimes_SkipsHolidays_EasterMondayIncluded()
    {
        var slots = AgendaSlot.OpenWorkingDays(Erogatore(), "89.7", new DateOnly(2026, 4, 3), new DateOnly(2026, 4, 7), [new TimeOnly(9, 0)], 20, 1).ToList();

        slots.Select(s => s.Date).ShouldBe([new DateOnly(2026, 4, 3), new DateOnly(2026, 4, 7)]);
    }

    [Fact]
    public void SlotLength_OutOfRange_IsRefused()
    {
        Should.Throw<CareRuleException>(() => Erogatore().Offer("89.52", Branche, By(ClinicalManager()), slotMinutes: 2)).Message.ShouldContain("da 5 a 480");
    }

    [Fact]
    public void Closure_OverlappingAnother_IsRefused_AndNamesTheOtherOne()
    {
        var erogatore = Erogatore();
        erogatore.Close(new DateOnly(2026, 8, 10), new DateOnly(2026, 8, 21), "ferie estive", By(ClinicalManager()));

        Should.Throw<CareRuleException>(() => erogatore.Close(new DateOnly(2026, 8, 20), new DateOnly(2026, 8, 24), "lavori", By(ClinicalManager())))
            .Message.ShouldContain("si sovrappone a quella dal 10/08/2026 al 21/08/2026 (ferie estive)");
        erogatore.Closures.Count.ShouldBe(1);
    }

    [Fact]
    public void Reopen_WithdrawsTheClosure_SoItsDaysAreOpenAgain()
    {
        var erogatore = Erogatore();
        var wednesday = new DateOnly(2026, 3, 11);
        erogatore.Close(wednesday, wednesday, "disinfestazione", By(ClinicalManager()));

        erogatore.Reopen(wednesday, By(ClinicalManager()));

        erogatore.ClosedBecause(wednesday).ShouldBeNull();
        Should.Throw<CareRuleException>(() => erogatore.Reopen(wednesday, By(ClinicalManager()))).Message.ShouldContain("nessuna chiusura");
    }

    [Fact]
    public void SlotLength_LongerThanEveryOpenDay_IsRefused()
    {
        var erogatore = Erogatore();
        erogatore.SetOpeningHours(DayOfWeek.Monday, new TimeOnly(8, 0), new TimeOnly(9, 0), By(ClinicalManager()));

        Should.Throw<CareRuleException>(() => erogatore.Offer("89.7", Branche, By(ClinicalManager()), 90))
            .Message.ShouldContain("più lungo dell'apertura di ogni giorno (al massimo 60 minuti)");
        erogatore.SlotMinutesOf("89.7").ShouldBe(OfferedService.DefaultSlotMinutes);
        erogatore.Offer("89.7", Branche, By(ClinicalManager()), 60);
        erogatore.SlotMinutesOf("89.7").ShouldBe(60);
    }

    [Fact]
    public void OpeningHours_TooShortForAnOfferedSlot_AreRefused_AndTheDayKeepsItsHours()
    {
        var erogatore = Erogatore();
        erogatore.SetOpeningHours(DayOfWeek.Monday, new TimeOnly(8, 0), new TimeOnly(12, 0), By(ClinicalManager()));
        erogatore.Offer("89.7", Branche, By(ClinicalManager()), 120);

        Should.Throw<CareRuleException>(() => erogatore.SetOpeningHours(DayOfWeek.Monday, new TimeOnly(8, 0), new TimeOnly(9, 0), By(ClinicalManager())))
            .Message.ShouldContain("lo slot di 120 minuti della prestazione 89.7 non entra in nessun giorno");
        erogatore.HoursOn(DayOfWeek.Monday)!.Closes.ShouldBe(new TimeOnly(12, 0));
    }

    [Fact]
    public void OpeningHours_ClosingBeforeOpening_AreRefused()
    {
        Should.Throw<CareRuleException>(() => Erogatore().SetOpeningHours(DayOfWeek.Friday, new TimeOnly(14, 0), new TimeOnly(9, 0), By(ClinicalManager())))
            .Message.ShouldContain("la chiusura (09:00) deve seguire l'apertura (14:00)");
    }
}
