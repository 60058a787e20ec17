using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Territorio.CareManagement.Gestori;
using Territorio.CareManagement.Network;

namespace Territorio.Data.Configurations.Care;

internal sealed class ErogatoreConfiguration : IEntityTypeConfiguration<Erogatore>
{
    public void Configure(EntityTypeBuilder<Erogatore> builder)
    {
        builder.MapAggregate("erogatori");
        builder.HasKey(e => e.Id);
        builder.Property<string?>(e => e.Id).Id("id");
        builder.Property(e => e.Name).HasColumnName("name").HasMaxLength(200);
        builder.Property(e => e.Ats).HasColumnName("ats").HasMaxLength(16);
        builder.Property(e => e.AccreditedBranche).HasColumnName("branche").HasMaxLength(200).HasDefaultValue("");
        builder.Ignore(e => e.Branche);
        builder.HasMany(e => e.Agreements).WithOne().HasForeignKey("erogatore_id");
        builder.HasMany(e => e.Services).WithOne().HasForeignKey("erogatore_id");
        builder.Navigation(e => e.Agreements).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(e => e.Services).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(e => e.OpeningHours).WithOne().HasForeignKey("erogatore_id");
        builder.HasMany(e => e.Closures).WithOne().HasForeignKey("erogatore_id");
        builder.Navigation(e => e.OpeningHours).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(e => e.Closures).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class OpeningHoursConfiguration : IEntityTypeConfiguration<OpeningHours>
{
    public void Configure(EntityTypeBuilder<OpeningHours> builder)
    {
        builder.ToTable("erogatore_opening_hours");
        builder.HasKey(h => h.Id);
        builder.Property(h => h.Id).HasColumnName("id");
        builder.Property(h => h.Day).HasColumnName("weekday");
        builder.Property(h => h.Opens).HasColumnName("opens");
        builder.Property(h => h.Closes).HasColumnName("closes");
        builder.HasIndex("erogatore_id", nameof(OpeningHours.Day)).IsUnique();
    }
}

internal sealed class ClosureConfiguration : IEntityTypeConfiguration<Closure>
{
    public void Configure(EntityTypeBuilder<Closure> builder)
    {
        builder.ToTable("erogatore_closures");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).HasColumnName("id");
        builder.Property(c => c.From).HasColumnName("date_from");
        builder.Property(c => c.To).HasColumnName("date_to");
        builder.Property(c => c.Reason).HasColumnName("reason").HasMaxLength(200);
    }
}

internal sealed class AgreementConfiguration : IEntityTypeConfiguration<Agreement>
{
    public void Configure(EntityTypeBuilder<Agreement> builder)
    {
        builder.ToTable("agreements");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).HasColumnName("id");
        builder.Property<string?>(a => a.GestoreId).Id("gestore_id");
        builder.Property(a => a.From).HasColumnName("valid_from");
        builder.Property(a => a.To).HasColumnName("valid_to");
        builder.HasOne<Gestore>().WithMany().HasForeignKey(a => a.GestoreId);
    }
}

internal sealed class OfferedServiceConfiguration : IEntityTypeConfiguration<OfferedService>
{
    public void Configure(EntityTypeBuilder<OfferedService> builder)
    {
        builder.ToTable("erogatore_services");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).HasColumnName("id");
        builder.Property(s => s.Code).HasColumnName("code").HasMaxLength(16);
        builder.Property(s => s.SlotMinutes).HasColumnName("slot_minutes").HasDefaultValue(OfferedService.DefaultSlotMinutes);
        builder.HasIndex("erogatore_id", nameof(OfferedService.Code)).IsUnique();
    }
}

internal sealed class AgendaSlotConfiguration : IEntityTypeConfiguration<AgendaSlot>
{
    public void Configure(EntityTypeBuilder<AgendaSlot> builder)
    {
        builder.ToTable("agenda_slots");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).HasColumnName("id");
        builder.Property<string?>(s => s.ErogatoreId).Id("erogatore_id");
        builder.Property(s => s.ServiceCode).HasColumnName("service_code").HasMaxLength(16);
        builder.Property(s => s.Date).HasColumnName("date");
        builder.Property(s => s.Start).HasColumnName("start_time");
        builder.Property(s => s.DurationMinutes).HasColumnName("duration_minutes");
        builder.Property(s => s.Capacity).HasColumnName("capacity");
        builder.Ignore(s => s.StartsAt);
        builder.Ignore(s => s.EndsAt);
        builder.HasOne<Erogatore>().WithMany().HasForeignKey(s => s.ErogatoreId);
        builder.HasIndex(s => new { s.ErogatoreId, s.ServiceCode, s.Date, s.Start }).IsUnique();
        builder.HasIndex(s => new { s.ServiceCode, s.Date });
    }
}
