using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Territorio.Kernel.Population;

namespace Territorio.Data.Configurations;

internal sealed class ResidentConfiguration : IEntityTypeConfiguration<Resident>
{
    public void Configure(EntityTypeBuilder<Resident> builder)
    {
        builder.ToTable("residents");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).HasColumnName("id").HasMaxLength(32);
        builder.Property(r => r.BirthDate).HasColumnName("birth_date");
        builder.Property(r => r.Sex).HasColumnName("sex");
        builder.Property(r => r.Ats).HasColumnName("ats").HasMaxLength(16);
        builder.Property(r => r.MmgId).HasColumnName("mmg_id").HasMaxLength(32);
        builder.Property(r => r.DeathDate).HasColumnName("death_date");
        builder.HasIndex(r => new { r.Ats, r.MmgId });

        // Few residents die after a stratification: finding them per territory must not scan everyone.
        builder.HasIndex(r => new { r.Ats, r.DeathDate }).HasFilter("death_date IS NOT NULL");
    }
}
