using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Territorio.Data.Configurations.Security;
using Territorio.Data.Rehab;

namespace Territorio.Data.Configurations.Rehab;

internal sealed class RehabRunConfiguration : IEntityTypeConfiguration<RehabRun>
{
    public void Configure(EntityTypeBuilder<RehabRun> builder)
    {
        builder.ToTable("rehab_runs");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Ats).HasMaxLength(16);
        builder.Property(r => r.UploadedBy).HasMaxLength(256);
        builder.Property(r => r.FileName).HasMaxLength(260);
        builder.Property(r => r.RuleSetId).HasMaxLength(100);
        builder.Property(r => r.RuleSetVersion).HasMaxLength(50);
        builder.Property(r => r.RuleSetStatus).HasMaxLength(50);
        builder.Property(r => r.ScaleMode).HasMaxLength(20);
        builder.Property(r => r.MdcTable).HasMaxLength(400);
        // An ATS lists its runs newest first.
        builder.HasIndex(r => new { r.Ats, r.UploadedAtUtc });
        builder.HasMany<RehabRunVerdict>().WithOne().HasForeignKey(v => v.RunId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany<RehabRunError>().WithOne().HasForeignKey(e => e.RunId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany<RehabRunIndicator>().WithOne().HasForeignKey(i => i.RunId).OnDelete(DeleteBehavior.Cascade);
        SnakeCase.Columns(builder);
    }
}

internal sealed class RehabRunVerdictConfiguration : IEntityTypeConfiguration<RehabRunVerdict>
{
    public void Configure(EntityTypeBuilder<RehabRunVerdict> builder)
    {
        builder.ToTable("rehab_run_verdicts");
        // Ids and structure codes come from the uploaded file: no length is imposed on them.
        builder.HasKey(v => new { v.RunId, v.Line });
        builder.Property(v => v.PrincipalDiagnosis).HasMaxLength(8);
        builder.Property(v => v.Verdict).HasMaxLength(20);
        builder.Property(v => v.Article).HasMaxLength(40);
        builder.Property(v => v.Level).HasMaxLength(8);
        // A structure reads only its own admissions, in file order.
        builder.HasIndex(v => new { v.RunId, v.StructureId, v.Line });
        SnakeCase.Columns(builder);
    }
}

internal sealed class RehabRunErrorConfiguration : IEntityTypeConfiguration<RehabRunError>
{
    public void Configure(EntityTypeBuilder<RehabRunError> builder)
    {
        builder.ToTable("rehab_run_errors");
        builder.HasKey(e => new { e.RunId, e.Ordinal });
        SnakeCase.Columns(builder);
    }
}

internal sealed class RehabRunIndicatorConfiguration : IEntityTypeConfiguration<RehabRunIndicator>
{
    public void Configure(EntityTypeBuilder<RehabRunIndicator> builder)
    {
        builder.ToTable("rehab_run_indicators");
        builder.HasKey(i => new { i.RunId, i.Scope, i.Ordinal });
        builder.Property(i => i.Dimension).HasMaxLength(20);
        SnakeCase.Columns(builder);
    }
}

internal sealed class VerdictContestConfiguration : IEntityTypeConfiguration<Territorio.Rehab.Contests.VerdictContest>
{
    public void Configure(EntityTypeBuilder<Territorio.Rehab.Contests.VerdictContest> builder)
    {
        builder.ToTable("rehab_verdict_contests");
        builder.HasKey(c => c.Id);
        // One contest per verdict, ever: a second one while open is refused, a decided one is final.
        builder.HasIndex(c => new { c.RunId, c.Line }).IsUnique();
        builder.HasOne<RehabRunVerdict>().WithMany().HasForeignKey(c => new { c.RunId, c.Line }).OnDelete(DeleteBehavior.Cascade);
        // The ATS lists its contests by state.
        builder.HasIndex(c => new { c.Ats, c.State });
        builder.Property(c => c.Ats).HasMaxLength(16);
        builder.Property(c => c.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Note).HasMaxLength(Territorio.Rehab.Contests.VerdictContest.MaxText);
        builder.Property(c => c.DecisionReason).HasMaxLength(Territorio.Rehab.Contests.VerdictContest.MaxText);
        builder.Property(c => c.OpenedBy).HasMaxLength(300);
        builder.Property(c => c.DecidedBy).HasMaxLength(300);
        builder.Ignore(c => c.IsOpen);
        SnakeCase.Columns(builder);
    }
}
