using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Territorio.Data.Security;

namespace Territorio.Data.Configurations.Security;

internal sealed class PatientAccessEntryConfiguration : IEntityTypeConfiguration<PatientAccessEntry>
{
    public void Configure(EntityTypeBuilder<PatientAccessEntry> builder)
    {
        builder.ToTable("patient_access_log");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.UserName).HasMaxLength(256);
        builder.Property(e => e.Roles).HasMaxLength(256);
        builder.Property(e => e.PatientId).HasMaxLength(32);
        builder.Property(e => e.PatientAts).HasMaxLength(16);
        builder.Property(e => e.Resource).HasMaxLength(256);
        // The ATS queries its territory's log newest first, by patient or by user.
        builder.HasIndex(e => new { e.PatientAts, e.AtUtc });
        builder.HasIndex(e => new { e.PatientId, e.AtUtc });
        SnakeCase.Columns(builder);
    }
}
