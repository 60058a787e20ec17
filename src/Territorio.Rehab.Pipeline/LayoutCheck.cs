using Territorio.CommandLine;
using Territorio.Flows.Layouts;
using Territorio.Flows.Sdo;
using Territorio.Rehab.Rules;

namespace Territorio.Rehab.Pipeline;

/// <summary>
/// The check of an SDO file in a region's layout (decision 0146), for every host (the two
/// executables, the web upload): a non-canonical layout is rewritten into Territorio's columns in
/// <c>workDirectory</c> first, verdict lines and errors told back in the source file's lines and
/// columns; Territorio's own layout (or none) is read as it is. An acute row faulty only in a
/// field linkage does not read is kept for the linkage (<see cref="AcuteRowLinkage"/>, decision 0206).
/// </summary>
public static class LayoutCheck
{
    public static RehabCheckResult Run<TBlock>(RuleSet rules, SdoCsvReader reader, string sdo, FlowLayout? layout, string? workDirectory, IVerdictSink<TBlock>? sink, WorkProgress? progress = null)
    {
        using var translation = layout is { IsCanonical: false } ? LayoutTranslation.Translate(sdo, layout, workDirectory, AcuteRowLinkage.KeepDespite) : null;
        var check = new RehabCheck(rules, reader) { SourceLines = translation is null ? null : translation.SourceLine, Progress = progress };
        var result = check.Run(translation?.Path ?? sdo, sink);
        if (translation is null)
        {
            return result;
        }

        // A row the rewrite kept with its fault (a date it could not convert, left empty) is named once, by the rewrite.
        var named = translation.Errors.Select(e => e.Line).ToHashSet();
        return result with { Errors = [.. translation.Errors.Concat(result.Errors.Select(translation.ToSource).Where(e => !named.Contains(e.Line))).OrderBy(e => e.Line)] };
    }
}
