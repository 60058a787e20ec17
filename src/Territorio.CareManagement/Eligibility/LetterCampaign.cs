using Territorio.CareManagement.Common;

namespace Territorio.CareManagement.Eligibility;

/// <summary>
/// A print run of enrolment letters chosen by the ATS (DGR X/6164/2017 allegato 1: the ATS informs
/// the eligible patients): which patients (level, main pathology, GP; null = any), when, by whom,
/// how many letters. What happened next is read from the letters and the pacts.
/// </summary>
public sealed class LetterCampaign
{
    private LetterCampaign()
    {
        Ats = CreatedBy = "";
    }

    public long Id { get; private set; }

    public string Ats { get; private set; }

    public int? Level { get; private set; }

    public string? Pathology { get; private set; }

    public string? MmgId { get; private set; }

    public DateOnly CreatedOn { get; private set; }

    /// <summary>The account of the ATS operator who printed it.</summary>
    public string CreatedBy { get; private set; }

    public int Letters { get; private set; }

    public static LetterCampaign Start(string ats, int? level, string? pathology, string? mmgId, Change change)
    {
        Guard.Role(change, "campagna di lettere di invito", ActorRole.Ats);
        if (!change.By.ActsFor(ats))
        {
            throw new CareRuleException($"le lettere ai pazienti dell'ATS {ats} le emette solo quell'ATS");
        }

        if (level is { } l && !CareLevels.IsEligible(l))
        {
            throw new CareRuleException($"livello {l}: solo i livelli 1, 2 e 3 sono candidabili alla presa in carico");
        }

        return new LetterCampaign { Ats = ats, Level = level, Pathology = pathology, MmgId = mmgId, CreatedOn = change.Day, CreatedBy = change.By.Id };
    }

    /// <summary>The letters printed, once issued in the same transaction.</summary>
    public void RecordLetters(int letters) => Letters = letters;
}
