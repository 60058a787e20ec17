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
        builder.Property(r => r.FiscalCode).HasColumnName("fiscal_code").HasMaxLength(16);
        builder.Property(r => r.Surname).HasColumnName("surname").HasMaxLength(80);
        builder.Property(r => r.GivenName).HasColumnName("given_name").HasMaxLength(80);
        builder.Property(r => r.SurnameKey).HasColumnName("surname_key").HasMaxLength(80);
        builder.Property(r => r.BirthplaceCode).HasColumnName("birthplace_code").HasMaxLength(4);
        builder.Property(r => r.Birthplace).HasColumnName("birthplace").HasMaxLength(80);
        builder.Property(r => r.Street).HasColumnName("street").HasMaxLength(120);
        builder.Property(r => r.Cap).HasColumnName("cap").HasMaxLength(5);
        builder.Property(r => r.MunicipalityCode).HasColumnName("municipality_code").HasMaxLength(4);
        builder.Property(r => r.Municipality).HasColumnName("municipality").HasMaxLength(80);
        builder.Property(r => r.Phone).HasColumnName("phone").HasMaxLength(32);
        builder.Property(r => r.Email).HasColumnName("email").HasMaxLength(120);
        builder.HasIndex(r => new { r.Ats, r.MmgId });

        // One person, one codice fiscale; the index also serves prefix searches (a range on the code).
        builder.HasIndex(r => r.FiscalCode).IsUnique();

        // Search and lists by surname within a territory: a range on the normalised surname, already in name order.
        builder.HasIndex(r => new { r.Ats, r.SurnameKey, r.GivenName, r.Id });

        // Few residents die after a stratification: finding them per territory must not scan everyone.
        builder.HasIndex(r => new { r.Ats, r.DeathDate }).HasFilter("death_date IS NOT NULL");
    }
}
