using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Territorio.CareManagement.Eligibility;
using Territorio.Kernel.Population;

namespace Territorio.Data.Configurations.Care;

internal sealed class StratificationRunConfiguration : IEntityTypeConfiguration<StratificationRun>
{
    public void Configure(EntityTypeBuilder<StratificationRun> builder)
    {
        builder.ToTable("stratification_runs");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).HasColumnName("id");
        builder.Property(r => r.StratifiedOn).HasColumnName("stratified_on");
        builder.Property(r => r.Source).HasColumnName("source").HasMaxLength(400);
        builder.Property(r => r.ImportedAtUtc).HasColumnName("imported_at");
        builder.Property(r => r.ImportedBy).HasColumnName("imported_by").HasMaxLength(120);
        builder.Property(r => r.Persons).HasColumnName("persons");
    }
}

internal sealed class StratifiedPersonConfiguration : IEntityTypeConfiguration<StratifiedPerson>
{
    public void Configure(EntityTypeBuilder<StratifiedPerson> builder)
    {
        builder.ToTable("stratified_persons");
        builder.HasKey(p => new { p.RunId, p.PersonId });
        builder.Property(p => p.RunId).HasColumnName("run_id");
        builder.Property<string?>(p => p.PersonId).Id("person_id");
        builder.Property(p => p.Level).HasColumnName("level");
        builder.Property(p => p.MainPathology).HasColumnName("main_pathology").HasMaxLength(8);
        builder.Property(p => p.Pathologies).HasColumnName("pathologies").HasMaxLength(400);
        builder.Property(p => p.Evidence).HasColumnName("evidence");
        builder.HasOne<StratificationRun>().WithMany().HasForeignKey(p => p.RunId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Resident>().WithMany().HasForeignKey(p => p.PersonId);
        builder.HasIndex(p => new { p.PersonId, p.RunId });

        // The pyramid of a territory or GP is a GROUP BY on this index alone (index-only scan).
        builder.Property(p => p.Ats).HasColumnName("ats").HasMaxLength(16);
        builder.Property<string?>(p => p.MmgId).Id("mmg_id");
        builder.HasIndex(p => new { p.RunId, p.Ats, p.MmgId, p.Level });
    }
}

internal sealed class StratificationChangeConfiguration : IEntityTypeConfiguration<StratificationChange>
{
    public void Configure(EntityTypeBuilder<StratificationChange> builder)
    {
        // Filled by INSERT … SELECT in LevelsImport: these names are its SQL's.
        builder.ToTable("stratification_changes");
        builder.HasKey(c => new { c.RunId, c.PersonId });
        builder.Property(c => c.RunId).HasColumnName("run_id");
        builder.Property(c => c.PreviousRunId).HasColumnName("previous_run_id");
        builder.Property<string?>(c => c.PersonId).Id("person_id");
        builder.Property(c => c.LevelBefore).HasColumnName("level_before");
        builder.Property(c => c.LevelAfter).HasColumnName("level_after");
        builder.Property(c => c.Ats).HasColumnName("ats").HasMaxLength(16);
        builder.Property<string?>(c => c.MmgId).Id("mmg_id");
        builder.Property(c => c.MainPathology).HasColumnName("main_pathology").HasMaxLength(8);
        builder.Ignore(c => c.BecameEligible);
        builder.Ignore(c => c.LeftEligibility);
        builder.HasOne<StratificationRun>().WithMany().HasForeignKey(c => c.RunId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Resident>().WithMany().HasForeignKey(c => c.PersonId);
        // The ATS's page pages one territory's changes of the latest run.
        builder.HasIndex(c => new { c.RunId, c.Ats, c.PersonId });
    }
}

internal sealed class EnrolmentLetterConfiguration : IEntityTypeConfiguration<EnrolmentLetter>
{
    public void Configure(EntityTypeBuilder<EnrolmentLetter> builder)
    {
        builder.MapAggregate("enrolment_letters");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Id).HasColumnName("id");
        builder.Property<string?>(l => l.PatientId).Id("patient_id");
        builder.Property(l => l.Ats).HasColumnName("ats").HasMaxLength(16);
        builder.Property(l => l.Level).HasColumnName("level");
        builder.Property(l => l.RunId).HasColumnName("run_id");
        builder.Property(l => l.IssuedOn).HasColumnName("issued_on");
        builder.Property(l => l.GestoriListed).HasColumnName("gestori_listed").HasMaxLength(1000);
        builder.Property(l => l.CampaignId).HasColumnName("campaign_id");
        builder.Property(l => l.DeclinedOn).HasColumnName("declined_on");
        builder.Property(l => l.DeclineReason).HasColumnName("decline_reason").HasMaxLength(1000);
        builder.HasOne<LetterCampaign>().WithMany().HasForeignKey(l => l.CampaignId);
        builder.HasIndex(l => new { l.CampaignId, l.PatientId });
        builder.HasOne<Resident>().WithMany().HasForeignKey(l => l.PatientId);
        builder.HasIndex(l => new { l.PatientId, l.RunId }).IsUnique();
        builder.HasIndex(l => new { l.RunId, l.Ats, l.Level });
    }
}

internal sealed class LetterCampaignConfiguration : IEntityTypeConfiguration<LetterCampaign>
{
    public void Configure(EntityTypeBuilder<LetterCampaign> builder)
    {
        builder.ToTable("letter_campaigns");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).HasColumnName("id");
        builder.Property(c => c.Ats).HasColumnName("ats").HasMaxLength(16);
        builder.Property(c => c.Level).HasColumnName("level");
        builder.Property(c => c.Pathology).HasColumnName("pathology").HasMaxLength(8);
        builder.Property<string?>(c => c.MmgId).Id("mmg_id");
        builder.Property(c => c.CreatedOn).HasColumnName("created_on");
        builder.Property(c => c.CreatedBy).HasColumnName("created_by").HasMaxLength(300);
        builder.Property(c => c.Letters).HasColumnName("letters");
        builder.HasIndex(c => new { c.Ats, c.CreatedOn });
    }
}
