using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Territorio.CareManagement.Gestori;

namespace Territorio.Data.Configurations.Care;

internal sealed class GestoreConfiguration : IEntityTypeConfiguration<Gestore>
{
    public void Configure(EntityTypeBuilder<Gestore> builder)
    {
        builder.MapAggregate("gestori");
        builder.HasKey(g => g.Id);
        builder.Property<string?>(g => g.Id).Id("id");
        builder.Property(g => g.Name).HasColumnName("name").HasMaxLength(200);
        builder.Property(g => g.Kind).AsText("kind");
        builder.Property(g => g.Ats).HasColumnName("ats").HasMaxLength(16);
        builder.HasMany(g => g.Candidatures).WithOne().HasForeignKey(c => c.GestoreId);
        builder.Navigation(g => g.Candidatures).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(g => g.Members).WithOne().HasForeignKey(m => m.GestoreId);
        builder.Navigation(g => g.Members).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class CandidatureConfiguration : IEntityTypeConfiguration<Candidature>
{
    public void Configure(EntityTypeBuilder<Candidature> builder)
    {
        builder.ToTable("candidatures");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).HasColumnName("id");
        builder.Property<string?>(c => c.GestoreId).Id("gestore_id");
        builder.Property(c => c.Ats).HasColumnName("ats").HasMaxLength(16);
        builder.Property(c => c.Level).HasColumnName("level");
        builder.Property(c => c.Status).AsText("status");
        builder.Property(c => c.SubmittedOn).HasColumnName("submitted_on");
        builder.Property(c => c.DecidedOn).HasColumnName("decided_on");
        builder.Property(c => c.DecidedBy).HasColumnName("decided_by").HasMaxLength(120);
        builder.Property(c => c.DecisionReason).HasColumnName("decision_reason").HasMaxLength(1000);
        builder.HasIndex(c => new { c.GestoreId, c.Ats, c.Level }).IsUnique().HasFilter(AggregateMapping.StatusIs("Pending", "Approved"));
        builder.HasIndex(c => new { c.Ats, c.Level, c.Status });
    }
}

internal sealed class CooperativeMemberConfiguration : IEntityTypeConfiguration<CooperativeMember>
{
    public void Configure(EntityTypeBuilder<CooperativeMember> builder)
    {
        builder.ToTable("cooperative_members");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).HasColumnName("id");
        builder.Property<string?>(m => m.GestoreId).Id("gestore_id");
        builder.Property<string?>(m => m.MmgId).Id("mmg_id");
        builder.Property(m => m.Since).HasColumnName("since");
        builder.Property(m => m.Until).HasColumnName("until");
        // A GP belongs to one cooperative at a time.
        builder.HasIndex(m => m.MmgId).IsUnique().HasFilter("until IS NULL").HasDatabaseName("ux_cooperative_members_one_open");
        builder.HasIndex(m => new { m.GestoreId, m.MmgId });
    }
}
